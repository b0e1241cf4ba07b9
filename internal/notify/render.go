package notify

import (
	"bytes"
	"embed"
	"strings"
	"text/template"
	"time"

	"tiendo/internal/vntext"
)

// templateFiles hold the Vietnamese texts, one file per kind of message,
// each defining <kind>.subject, <kind>.body and <kind>.notice (the in-app
// notice's one line).
//
//go:embed templates/*.txt
var templateFiles embed.FS

// templates are parsed once; they are read-only after that, so sharing them
// between goroutines and Reminder values is safe. A template error is a
// programming error caught by the tests, hence Must.
var templates = template.Must(template.New("").
	Funcs(template.FuncMap{"date": vntext.FormatDate}).
	ParseFS(templateFiles, "templates/*.txt"))

// Message kinds, which are also the kinds of in-app notices.
const (
	kindBefore  = "before"
	kindOverdue = "overdue"
	kindDigest  = "digest"
)

// mailData is what the before and overdue templates read.
type mailData struct {
	AgencyName string
	Label      string
	Due        time.Time
	Days       int // days left, or days overdue
	Rule       string
	URL        string // absolute link, "" when the base URL is unknown
	Today      time.Time
}

// digestItem is one line of a digest.
type digestItem struct {
	Label string
	Due   time.Time
	Days  int // days left (due soon), days overdue (overdue), 0 otherwise
}

// digestData is what the digest template reads.
type digestData struct {
	AgencyName                 string
	Week                       string
	DueSoon, Overdue, Returned []digestItem
	URL                        string
	Today                      time.Time
}

// rendered is one message's texts.
type rendered struct {
	Subject, Body, Notice string
}

// render executes kind's three templates with data. Subject and notice are
// made one line (template line breaks and runs of spaces collapse).
func render(kind string, data any) (rendered, error) {
	var r rendered
	for _, part := range []struct {
		name string
		dst  *string
		line bool
	}{
		{kind + ".subject", &r.Subject, true},
		{kind + ".body", &r.Body, false},
		{kind + ".notice", &r.Notice, true},
	} {
		var b bytes.Buffer
		if err := templates.ExecuteTemplate(&b, part.name, data); err != nil {
			return rendered{}, err
		}
		s := vntext.NFC(b.String())
		if part.line {
			s = strings.Join(strings.Fields(s), " ")
		}
		*part.dst = s
	}
	return r, nil
}
