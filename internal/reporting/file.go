package reporting

import (
	"archive/zip"
	"bytes"
	"path/filepath"
	"strings"
)

// MaxFileSize is the largest evidence file accepted: 20 MB.
const MaxFileSize = 20 << 20

// Content types of the accepted evidence files.
const (
	TypePDF  = "application/pdf"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// extTypes maps the accepted file name extensions to their content types.
var extTypes = map[string]string{
	".pdf": TypePDF, ".docx": TypeDOCX, ".xlsx": TypeXLSX,
	".jpg": TypeJPEG, ".jpeg": TypeJPEG, ".png": TypePNG,
}

// SniffFile checks an evidence file by its content and returns its content
// type. Accepted: PDF, DOCX, XLSX, JPG, PNG, at most MaxFileSize, whose
// name ends with the extension of what the bytes are (a renamed .exe or a
// .doc saved as .docx is refused). The type comes from magic bytes — and
// for DOCX/XLSX, which are ZIP packages, from the package's main part —
// never from what the client says. Errors are *Error values with Vietnamese
// messages (ErrFileEmpty, ErrFileTooLarge, ErrFileType, ErrFileMismatch),
// all matching ErrInvalid.
func SniffFile(name string, data []byte) (contentType string, err error) {
	switch {
	case len(data) == 0:
		return "", ErrFileEmpty
	case len(data) > MaxFileSize:
		return "", ErrFileTooLarge
	}
	want, ok := extTypes[strings.ToLower(filepath.Ext(name))]
	if !ok {
		return "", ErrFileType
	}
	got := sniff(data)
	if got == "" {
		return "", ErrFileType
	}
	if got != want {
		return "", ErrFileMismatch
	}
	if (got == TypeDOCX || got == TypeXLSX) && zipBomb(data) {
		return "", ErrFileZipBomb
	}
	return got, nil
}

// Limits on what an evidence DOCX/XLSX may declare it decompresses to.
// tiendo stores and serves evidence as is and never inflates it; the check
// keeps a zip bomb from reaching the reviewer's Word or Excel.
const (
	maxEvidenceInflated = 200 << 20 // all parts
	maxEvidenceRatio    = 100       // per part over 1 MB
)

// zipBomb reports whether an Office package declares more decompressed
// data, or a higher compression ratio, than any real document has.
func zipBomb(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxEvidenceInflated || f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/max(f.CompressedSize64, 1) > maxEvidenceRatio {
			return true
		}
	}
	return len(zr.File) > 5000
}

// sniff recognises the accepted types by their first bytes; "" for anything else.
func sniff(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return TypePDF
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return TypeJPEG
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffOffice(data)
	}
	return ""
}

// sniffOffice tells a DOCX from an XLSX by the package's parts; "" for any
// other ZIP (or a broken one).
func sniffOffice(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	types := false
	kind := ""
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml":
			types = true
		case "word/document.xml":
			kind = TypeDOCX
		case "xl/workbook.xml":
			kind = TypeXLSX
		}
	}
	if !types {
		return ""
	}
	return kind
}
