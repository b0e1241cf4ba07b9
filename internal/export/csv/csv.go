// Package csv writes open-data CSV files from the shared table model, with
// the CSVW metadata (W3C "CSV on the Web") that tells machines each column's
// name and datatype. Values are written in invariant form — ISO dates,
// '.' decimals, fractions for percentages — because open data is read by
// programs; people get the formatted workbook.
package csv

import (
	stdcsv "encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"tiendo/internal/export/table"
	"tiendo/internal/vntext"
)

// Options controls the byte-level form of the file.
type Options struct {
	// BOM prefixes the UTF-8 byte-order mark: Excel on Windows needs it to
	// read the file as UTF-8 instead of the ANSI code page.
	BOM bool
}

// Write writes the sheet's header (column names) and rows as CSV (RFC 4180,
// CRLF line ends). The title is not written: a CSV file has one header row.
func Write(w io.Writer, s table.Sheet, opt Options) error {
	if len(s.Columns) == 0 {
		return errors.New("csv: no columns")
	}
	if opt.BOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	cw := stdcsv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		head[i] = ColumnName(c)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(s.Columns))
	for ri, r := range s.Rows {
		if len(r) > len(s.Columns) {
			return fmt.Errorf("csv: row %d has %d values for %d columns", ri+1, len(r), len(s.Columns))
		}
		for i := range rec {
			rec[i] = ""
			if i < len(r) {
				v, err := format(s.Columns[i].Kind, r[i])
				if err != nil {
					return fmt.Errorf("csv: row %d, column %q: %w", ri+1, s.Columns[i].Header, err)
				}
				rec[i] = v
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ColumnName is the column's machine name: Name, or the header folded to
// ASCII snake case ("Thời hạn" → "thoi_han").
func ColumnName(c table.Column) string {
	if c.Name != "" {
		return c.Name
	}
	var b strings.Builder
	us := false
	for _, r := range vntext.Fold(c.Header) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			us = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			us = false
		default:
			if !us && b.Len() > 0 {
				b.WriteByte('_')
				us = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// Datatype is the CSVW datatype of a column kind.
func Datatype(k table.Kind) string {
	switch k {
	case table.Int:
		return "integer"
	case table.Number, table.Percent:
		return "decimal"
	case table.Date:
		return "date"
	default:
		return "string"
	}
}

// Metadata is the CSVW metadata document for the CSV at url.
type Metadata struct {
	Context     string      `json:"@context"`
	URL         string      `json:"url"`
	Title       string      `json:"dc:title,omitempty"`
	TableSchema TableSchema `json:"tableSchema"`
}

// TableSchema lists the columns of a CSVW table.
type TableSchema struct {
	Columns []MetaColumn `json:"columns"`
}

// MetaColumn is one CSVW column description.
type MetaColumn struct {
	Name     string `json:"name"`
	Titles   string `json:"titles"`
	Datatype string `json:"datatype"`
}

// MetadataJSON returns the CSVW metadata ("…csv-metadata.json") describing
// the file Write produces for s, published at url.
func MetadataJSON(s table.Sheet, url string) ([]byte, error) {
	m := Metadata{Context: "http://www.w3.org/ns/csvw", URL: url, Title: s.Title}
	for _, c := range s.Columns {
		m.TableSchema.Columns = append(m.TableSchema.Columns, MetaColumn{Name: ColumnName(c), Titles: c.Header, Datatype: Datatype(c.Kind)})
	}
	return json.MarshalIndent(m, "", "  ")
}

// format writes one value in the invariant form of its CSVW datatype; fmt.Stringer
// is tried last because time.Time is one.
func format(k table.Kind, v any) (string, error) {
	if v == nil {
		return "", nil
	}
	switch x := v.(type) {
	case string:
		if k == table.Text {
			return Neutralise(x), nil
		}
	case time.Time:
		if k == table.Date {
			if x.IsZero() {
				return "", nil
			}
			return x.Format("2006-01-02"), nil
		}
	case *time.Time:
		if k == table.Date {
			if x == nil || x.IsZero() {
				return "", nil
			}
			return x.Format("2006-01-02"), nil
		}
	case float64:
		if k == table.Number || k == table.Percent {
			return strconv.FormatFloat(x, 'f', -1, 64), nil
		}
	case float32:
		if k == table.Number || k == table.Percent {
			return strconv.FormatFloat(float64(x), 'f', -1, 32), nil
		}
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		if k == table.Int || k == table.Number || k == table.Percent {
			return fmt.Sprint(x), nil
		}
	case fmt.Stringer:
		if k == table.Text {
			return Neutralise(x.String()), nil
		}
	}
	return "", fmt.Errorf("value %v (%T) does not fit column kind %d", v, v, k)
}

// Neutralise keeps a spreadsheet from reading a text cell as a formula
// (CSV injection): a value that starts with =, +, -, @, a tab or a carriage
// return gets a leading apostrophe, as OWASP advises, so that Excel and
// LibreOffice show "=HYPERLINK(…)" typed in a task title as text instead of
// running it. Only text columns pass through here: numbers stay numbers.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
