package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
)

// StaticURL is the address of one of the UI's embedded static files
// ("app.css") with its content hash, as the UI's own pages link it: the
// open-data pages (internal/opendata) share the house style through it.
// The file is served by the UI's static route; a name the UI does not
// have is an error.
func StaticURL(name string) (string, error) {
	data, err := fs.ReadFile(embedded, "static/"+name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	return "/static/" + hex.EncodeToString(sum[:6]) + "/" + name, nil
}
