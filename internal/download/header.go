package download

import (
	"net/http"
	"strconv"
)

// SetHeaders sets the headers every file download carries: the type found
// when the file was stored (never guessed again: nosniff), its length, and
// the attachment with its name, so that a browser saves the file instead
// of rendering it.
func SetHeaders(h http.Header, name, contentType string, size int) {
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(size))
	h.Set("Content-Disposition", Attachment(name))
	h.Set("X-Content-Type-Options", "nosniff")
}
