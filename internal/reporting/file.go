package reporting

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
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

// Limits on what an evidence DOCX/XLSX may decompress to. tiendo stores
// and serves evidence as is and never inflates it to use it; the check
// keeps a zip bomb from reaching the reviewer's Word or Excel.
const (
	maxEvidenceInflated = 200 << 20 // all parts
	maxEvidenceRatio    = 100       // per part over ratioFloor
	ratioFloor          = 1 << 20
	maxEvidenceParts    = 5000
)

// zipBomb reports whether an Office package decompresses to more data, or
// at a higher compression ratio, than any real document: first from the
// sizes its directory declares (nothing inflated), then — since headers
// can lie — by inflating every part and counting the bytes that come out,
// as the plan importer does (planimport/zipsafe.go). Inflating streams
// into nothing, in bounded memory, and stops at the limit; archive/zip
// itself fails a part that inflates to more than its header said.
func zipBomb(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > maxEvidenceParts {
		return true
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxEvidenceInflated || overRatio(f.UncompressedSize64, f.CompressedSize64) {
			return true
		}
	}
	var left int64 = maxEvidenceInflated
	for _, f := range zr.File {
		n, err := inflated(f, left)
		if err != nil || overRatio(uint64(n), f.CompressedSize64) {
			return true
		}
		left -= n
	}
	return false
}

// overRatio reports whether size bytes out of compressed in is more
// compression than real documents have.
func overRatio(size, compressed uint64) bool {
	return size > ratioFloor && size/max(compressed, 1) > maxEvidenceRatio
}

// errInflateLimit stops inflating past the budget.
var errInflateLimit = errors.New("reporting: evidence part inflates past the limit")

// inflated counts the bytes part f inflates to, failing past limit, on a
// wrong checksum, or when it inflates to more than its header declared.
func inflated(f *zip.File, limit int64) (int64, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(rc, limit+1))
	if err == nil && n > limit {
		err = errInflateLimit
	}
	return n, err
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
