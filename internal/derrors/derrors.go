// Package derrors names the kinds of failure that every layer of tiendo
// speaks, so that the store, the use cases (internal/app) and the two edges
// (web pages and the JSON API) agree on what went wrong without importing
// each other: the store classifies a driver's error as NotFound or
// Duplicate, a use case refuses with Forbidden or Invalid, and each edge
// maps the kind to an HTTP status in one place (pkgsite's way).
//
// A kind is a sentinel tested with errors.Is. An *Error adds what a person
// should read (a Vietnamese message, per-field messages) to a kind; edges
// show Message when there is one and their own words for the kind otherwise.
package derrors

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// The kinds of failure. Their texts are for logs; people read messages.
var (
	// NotFound: the record asked for does not exist (or is not visible to
	// the person asking, where telling them it exists would leak it).
	NotFound = errors.New("not found")
	// Conflict: the record changed since it was read (a version check), or
	// its state does not allow the step now.
	Conflict = errors.New("conflict")
	// ReadOnly: the plan was replaced or closed; it is kept to be read.
	ReadOnly = errors.New("read-only")
	// Duplicate: a unique key (username, plan number, agency name) is taken.
	Duplicate = errors.New("duplicate")
	// Reference: a referenced record (section, agency, plan, user) does not
	// exist or belongs elsewhere: a foreign key would break.
	Reference = errors.New("referenced record does not exist")
	// Forbidden: the person may not do this.
	Forbidden = errors.New("forbidden")
	// Invalid: what was sent breaks the rules; Fields say where.
	Invalid = errors.New("invalid")
)

// Error is a failure of a known kind with the words a person should read.
type Error struct {
	Kind    error             // one of the kinds above
	Message string            // Vietnamese, shown as is; empty: the edge's words for Kind
	Fields  map[string]string // field (the API's JSON name) → Vietnamese message, for Invalid
}

// Error is the message with the fields' messages, in field order.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Kind.Error())
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "; %s: %s", k, e.Fields[k])
	}
	return b.String()
}

// Unwrap makes errors.Is(err, Kind) hold.
func (e *Error) Unwrap() error { return e.Kind }

// New returns an error of kind with a message formatted for people.
func New(kind error, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// InvalidFields returns the Invalid error for fields, with msg as the
// general message (empty: the edge's words).
func InvalidFields(fields map[string]string, msg string) *Error {
	return &Error{Kind: Invalid, Message: msg, Fields: fields}
}

// MessageOf is the person's message carried by err, if any.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// FieldsOf are the per-field messages carried by err, if any.
func FieldsOf(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Wrap prefixes *errp with the operation, keeping the chain (so errors.Is
// and errors.As still see the kind). It is deferred at the top of a
// function:
//
//	defer derrors.Wrap(&err, "app.UpdateTask(%d)", id)
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf(format+": %w", append(args, *errp)...)
	}
}
