package download

import (
	"net/http"
	"strconv"
)

// Sandbox is the Content-Security-Policy of a file a person uploaded: if a
// browser shows it anyway (a PDF opened in a tab), it runs in a sandbox —
// no script, no same-origin access, nothing loaded.
const Sandbox = "sandbox; default-src 'none'"

// SetHeaders sets the headers every download of an uploaded file carries,
// on the web pages and in the API alike: the type found when the file was
// stored (never guessed again: nosniff), its length, the attachment with
// its name, so that a browser saves the file instead of rendering it, and
// the Sandbox policy in case it renders it all the same.
func SetHeaders(h http.Header, name, contentType string, size int) {
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(size))
	h.Set("Content-Disposition", Attachment(name))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", Sandbox)
}
