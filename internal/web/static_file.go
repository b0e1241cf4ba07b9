package web

import (
	"bytes"
	"net/http"
	"time"
)

// staticFile serves a CSS/JS file. Its URL carries the file's content hash,
// so a matching hash may be cached for a year; an old hash (a page cached
// across a deploy) still gets the current file, but uncached.
func (h *handler) staticFile(w http.ResponseWriter, r *http.Request) error {
	a, err := h.assets()
	if err != nil {
		return err
	}
	f, ok := a.static[r.PathValue("file")]
	if !ok {
		return errNotFound
	}
	if r.PathValue("hash") == f.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Header().Set("Content-Type", f.ctype)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
	return nil
}
