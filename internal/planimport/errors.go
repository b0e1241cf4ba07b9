package planimport

import "fmt"

// Error codes of *Error. The web and API layers map them to a status and
// show Message; they never show the underlying cause.
const (
	CodeEmpty          = "empty"           // nothing in the file
	CodeTooLarge       = "too_large"       // over Options.MaxBytes
	CodeNotText        = "not_text"        // binary garbage, not UTF-8
	CodeCorrupt        = "corrupt"         // bad zip or XML, DOCTYPE, absurd nesting
	CodeUnsupported    = "unsupported"     // .doc, .pdf, .odt, encrypted Office files…
	CodeZipBomb        = "zip_bomb"        // decompresses far beyond what a plan needs
	CodeNoTasks        = "no_tasks"        // nothing recognisable as a plan or task table
	CodeMissingColumns = "missing_columns" // an XLSX table without the needed headers
)

// Error is why a file cannot be imported. Message is Vietnamese and says
// what is wrong and what the user can do about it, so that the UI can show
// it as is; the cause, if any, is kept for logs only.
type Error struct {
	Code    string
	Message string
	cause   error
}

// Error returns the Vietnamese message.
func (e *Error) Error() string { return e.Message }

// Unwrap gives the low-level cause (a zip or XML error) for logging.
func (e *Error) Unwrap() error { return e.cause }

func newError(code string, cause error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), cause: cause}
}

// mib writes a byte count in MB with one decimal, the unit users know.
func mib(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
