// Package planimport turns the documents a province or ministry sends — a
// plan as plain text (TXT) or Word (DOCX), often issued by a covering
// decision in the same file, with its appendix of tasks as a table in the
// same file or as separate Word or Excel (XLSX) files — into a plan.Draft
// the coordinator previews before anything is stored.
//
// It reads the numbering of Vietnamese administrative plans (I., 1., 4.1.,
// I.3., a), "Nhiệm vụ 1:", -, +), task tables wherever they are, tolerates
// the skips and repeats real documents have and reports each as a warning
// in Vietnamese; it refuses what cannot be a plan (empty, binary, corrupt
// or oversized files, zip bombs, a decision with no plan) with an *Error
// whose message tells the user what to do. Agency names the register does
// not know never block an import: they are listed (Result.Unmatched) for
// the coordinator to map, create or dismiss. It never touches the
// database: the caller stores the Draft once the user confirms.
package planimport

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// DefaultMaxBytes is the limit on one file when Options.MaxBytes is 0:
// large enough for any plan with its appendices, small enough to refuse a
// mistaken 100 MB upload before reading it.
const DefaultMaxBytes = 20 << 20

// maxFiles bounds how many files make one import: a plan, a decision and
// a few appendices.
const maxFiles = 10

// Options for Parse and ParseFiles.
type Options struct {
	// Agencies is the register, for matching the agency names in the text.
	Agencies []agency.Agency
	// Mapping maps an unknown agency name as written (NFC; compared without
	// case or diacritics) to the agency ID the user chose for it.
	Mapping map[string]int64
	// MaxBytes is the limit on each file; DefaultMaxBytes when 0.
	MaxBytes int64
}

// Warning is something the user should check in the preview: a skipped
// or repeated number, a deadline that could not be read, a missing date.
type Warning struct {
	// File names the file the line is in, when the import has several.
	File    string `json:",omitempty"`
	Line    int    // 1-based paragraph (TXT line, DOCX paragraph) or XLSX row; 0 when not tied to one
	Message string // Vietnamese
}

// FileInfo says what the importer took a file for.
type FileInfo struct {
	Name   string
	Format string // "txt", "docx" or "xlsx"
	// Role: "plan" (the plan, possibly with its cover and appendices in
	// the same file), "appendix", "cover" (a decision whose plan is in
	// another file).
	Role string
}

// Result is what the files hold, ready for preview.
type Result struct {
	Format     string           // the format of the plan's file (the first file's when there is no plan text)
	Files      []FileInfo       // each file given, in order
	Draft      plan.Draft       // the plan, its section tree and its tasks
	References []plan.Reference // every document the files cite, once each
	Warnings   []Warning        // plan-wide warnings (Line 0) first, then by file and line
	// Unmatched are the agency names the tasks use that neither the
	// register nor Options.Mapping knows, once each, in order of first use,
	// with the tasks naming them: what the preview's mapping screen shows.
	// They do not block the import; a task keeps such a name in
	// DraftTask.LeadName or CooperatingNames.
	Unmatched []Unmatched
	// UnknownAgencies are the names of Unmatched, for callers that need
	// only them (the command line's "unmatched_agencies").
	UnknownAgencies []string
	// Regime is the reporting regime the plan sets (usually in its part
	// TỔ CHỨC THỰC HIỆN), nil when none was found.
	Regime *Regime
}

// parser holds the state of one import.
type parser struct {
	asg   *assigner
	draft plan.Draft
	warns []fileWarning
	refs  refSet
	multi bool // several files: warnings name theirs
	// attachedDate is the date of the decision a plan is "kèm theo", for
	// a plan that states none of its own.
	attachedDate time.Time
}

// fileWarning is a warning with the position of its file, for ordering.
type fileWarning struct {
	Warning
	file int // -1: the plan as a whole
}

// Parse reads one file: a plan, with or without its cover and appendix,
// or an appendix alone. Every error is an *Error.
func Parse(filename string, data []byte, opts Options) (*Result, error) {
	return ParseFiles([]File{{Name: filename, Data: data}}, opts)
}

// ParseFiles reads the files of one plan, in any order: its text (with or
// without the decision issuing it), its appendices as Word, Excel or text
// files, or the appendices alone. Each file is limited to Options.MaxBytes.
// Every error is an *Error; nothing is read from a file that is refused.
func ParseFiles(files []File, opts Options) (*Result, error) {
	if len(files) == 0 {
		return nil, newError(CodeEmpty, nil, "Chưa có tệp nào để nhập. Hãy chọn tệp kế hoạch (.docx, .txt) và các phụ lục (.docx, .xlsx) nếu có.")
	}
	if len(files) > maxFiles {
		return nil, newError(CodeTooLarge, nil, "Quá nhiều tệp (%d, tối đa %d). Hãy tải lên một kế hoạch cùng các phụ lục của nó.", len(files), maxFiles)
	}
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	all := make([]*parts, 0, len(files))
	for i, f := range files {
		src, err := readSource(f, limit)
		if err != nil {
			if len(files) > 1 && !strings.Contains(err.Message, f.Name) {
				err.Message = "Tệp “" + f.Name + "”: " + err.Message
			}
			return nil, err
		}
		src.idx = i
		all = append(all, split(src))
	}
	p := &parser{asg: newAssigner(opts.Agencies, opts.Mapping), multi: len(files) > 1}
	res, err := p.assemble(all)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// warn records a warning about a line of src (nil: the plan as a whole).
func (p *parser) warn(src *source, line int, msg string) {
	w := fileWarning{Warning: Warning{Line: line, Message: msg}, file: -1}
	if src != nil {
		w.file = src.idx
		if p.multi {
			w.File = src.name
		}
	}
	p.warns = append(p.warns, w)
}

// warnf records a warning about the plan as a whole, or about line of the
// plan's file when line is not 0.
func (p *parser) warnf(src *source, line int, format string, args ...any) {
	if line == 0 {
		src = nil
	}
	p.warn(src, line, fmt.Sprintf(format, args...))
}

// result assembles the Result; lists are never nil, so they encode as [].
func (p *parser) result(format string, files []FileInfo, regime *Regime) *Result {
	slices.SortStableFunc(p.warns, func(a, b fileWarning) int {
		if a.file != b.file {
			return a.file - b.file
		}
		return a.Line - b.Line
	})
	res := &Result{Format: format, Files: files, Draft: p.draft, References: p.refs.list, Regime: regime,
		Warnings: []Warning{}, Unmatched: p.asg.unmatchedList(), UnknownAgencies: []string{}}
	for _, w := range p.warns {
		res.Warnings = append(res.Warnings, w.Warning)
	}
	for _, u := range res.Unmatched {
		res.UnknownAgencies = append(res.UnknownAgencies, u.Name)
	}
	if res.References == nil {
		res.References = []plan.Reference{}
	}
	return res
}
