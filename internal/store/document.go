package store

import (
	"context"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Cited legal documents are kept once per số ký hiệu (Number) and linked
// to the plans and tasks that cite them.

// docCols reads a document as cited: the citation's own words (cited_as
// of the link aliased c) when it has them, else the document's.
const docCols = `d.id, d.kind, d.number, d.issuer_code, d.issued_on,
	CASE WHEN c.cited_as <> '' THEN c.cited_as ELSE d.text END`

func scanDoc(sc scanner) (plan.Reference, error) {
	var r plan.Reference
	err := sc.Scan(&r.ID, &r.Kind, &r.Number, &r.IssuerCode, timeCol{&r.IssuedOn}, &r.Text)
	return r, err
}

func normRef(r *plan.Reference) {
	r.Kind = strings.TrimSpace(vntext.NFC(r.Kind))
	r.Number = strings.TrimSpace(vntext.NFC(r.Number))
	r.IssuerCode = strings.TrimSpace(vntext.NFC(r.IssuerCode))
	r.Text = strings.TrimSpace(vntext.NFC(r.Text))
}

// upsertDocSQL inserts a document or, when its number is known, fills the
// parts the stored row lacks; either way it returns the row as stored.
const upsertDocSQL = `INSERT INTO documents (kind, number, issuer_code, issued_on, text) VALUES (?, ?, ?, ?, ?)
	ON CONFLICT (number) DO UPDATE SET
		kind = CASE WHEN documents.kind = '' THEN excluded.kind ELSE documents.kind END,
		issuer_code = CASE WHEN documents.issuer_code = '' THEN excluded.issuer_code ELSE documents.issuer_code END,
		issued_on = COALESCE(documents.issued_on, excluded.issued_on),
		text = CASE WHEN documents.text = '' THEN excluded.text ELSE documents.text END
	RETURNING id, kind, issuer_code, issued_on, text`

func docArgs(r *plan.Reference) []any {
	return []any{r.Kind, r.Number, r.IssuerCode, dateArg(r.IssuedOn), r.Text}
}

// linkRefs upserts refs (NFC, by number; refs without a number are
// skipped) and links them to owner with one INSERT into table (plan_documents
// or task_documents, whose owner column is ownerCol). Each stored ref gets
// the document's ID and the details the register knows of it; its Text
// stays as cited (the document's first citation when it has none).
func linkRefs(ctx context.Context, b *batch, table, ownerCol string, owner int64, refs []plan.Reference) error {
	seen := make(map[int64]bool, len(refs))
	var args []any
	for i := range refs {
		r := &refs[i]
		normRef(r)
		if r.Number == "" {
			continue
		}
		cited := r.Text
		if err := b.upsertDoc(ctx, r); err != nil {
			return err
		}
		if seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		args = append(args, owner, r.ID, i+1, cited)
	}
	if len(args) == 0 {
		return nil
	}
	_, err := b.exec(ctx, `INSERT INTO `+table+` (`+ownerCol+`, document_id, ord, cited_as) VALUES `+
		rowsOf(len(args)/4, 4), args...)
	return err
}

// upsertDoc stores r's document and fills r from the stored row. Within a
// batch a document already stored is reused without a statement, unless r
// knows something the stored row lacks.
func (b *batch) upsertDoc(ctx context.Context, r *plan.Reference) error {
	if d, ok := b.docs[r.Number]; ok && !addsTo(r, &d) {
		text := r.Text
		*r = d
		if text != "" {
			r.Text = text
		}
		return nil
	}
	var d plan.Reference
	d.Number = r.Number
	if err := b.queryRow(ctx, upsertDocSQL, docArgs(r)...).Scan(&d.ID, &d.Kind, &d.IssuerCode, timeCol{&d.IssuedOn}, &d.Text); err != nil {
		return err
	}
	if b.docs == nil {
		b.docs = map[string]plan.Reference{}
	}
	b.docs[r.Number] = d
	text := r.Text
	*r = d
	if text != "" {
		r.Text = text
	}
	return nil
}

// addsTo reports whether r has a detail that the stored document d lacks.
func addsTo(r, d *plan.Reference) bool {
	return d.Kind == "" && r.Kind != "" || d.IssuerCode == "" && r.IssuerCode != "" ||
		d.IssuedOn.IsZero() && !r.IssuedOn.IsZero() || d.Text == "" && r.Text != ""
}

// taskRefs reads the documents a task cites, in order of citation.
func (s *Store) taskRefs(ctx context.Context, q querier, taskID int64) ([]plan.Reference, error) {
	rows, err := s.qrows(ctx, q, `SELECT `+docCols+` FROM task_documents c JOIN documents d ON d.id = c.document_id
		WHERE c.task_id = ? ORDER BY c.ord`, taskID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var refs []plan.Reference
	for rows.Next() {
		r, err := scanDoc(rows)
		if err != nil {
			return nil, err
		}
		refs = append(refs, r)
	}
	return refs, rows.Err()
}
