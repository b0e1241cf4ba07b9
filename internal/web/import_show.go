package web

import (
	"net/http"

	"tiendo/internal/vntext"
)

// importUpload is the upload page's data.
type importUpload struct {
	Error string // the importer's message about the last file, if it was refused
	MaxMB string // the size limit, for the hint
}

// importShow shows the upload form for the files of one plan.
func (h *handler) importShow(w http.ResponseWriter, r *http.Request) error {
	return h.render(w, r, http.StatusOK, "import_upload", uploadPage(""))
}

// uploadPage is the upload form's page, with msg as its error when set.
func uploadPage(msg string) *page {
	return &page{Title: "Nhập kế hoạch", Nav: "import", Data: importUpload{
		Error: msg,
		MaxMB: vntext.FormatNumber(float64(maxImportBytes)/(1<<20), 1),
	}}
}
