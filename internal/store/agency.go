package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"tiendo/internal/agency"
	"tiendo/internal/vntext"
)

const agencyCols = `id, parent_id, name, short_name, aliases, kind, valid_from, valid_to, successor_id, version, created_at, updated_at`

func scanAgency(sc scanner) (agency.Agency, error) {
	var a agency.Agency
	var aliases string
	err := sc.Scan(&a.ID, idCol{&a.ParentID}, &a.Name, &a.ShortName, &aliases, &a.Kind,
		timeCol{&a.ValidFrom}, timeCol{&a.ValidTo}, idCol{&a.SuccessorID}, &a.Version,
		timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt})
	a.Aliases = splitLines(aliases)
	return a, err
}

// normAgency puts a's texts in NFC and tidies the alias list (no blanks, no
// line breaks inside an alias, since aliases are stored one per line).
func normAgency(a *agency.Agency) {
	a.Name = strings.TrimSpace(vntext.NFC(a.Name))
	a.ShortName = strings.TrimSpace(vntext.NFC(a.ShortName))
	var aliases []string
	for _, s := range a.Aliases {
		s = strings.Join(strings.Fields(vntext.NFC(s)), " ")
		if s != "" {
			aliases = append(aliases, s)
		}
	}
	a.Aliases = aliases
}

// agencyFolded is the agency's searchable text: every name it goes by, folded.
func agencyFolded(a *agency.Agency) string {
	return vntext.Fold(strings.Join(append([]string{a.Name, a.ShortName}, a.Aliases...), "\n"))
}

// CreateAgency stores a new agency and sets a.ID and a.Version.
// ErrDuplicate when an agency in existence already has the name.
func (s *Store) CreateAgency(ctx context.Context, actor int64, a *agency.Agency) (err error) {
	defer wrap(&err, "store.CreateAgency(%q)", a.Name)
	normAgency(a)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		return s.insertAgency(ctx, tx, actor, a, now())
	})
}

// insertAgency inserts a (normalised) with its audit row in tx and sets
// a.ID and a.Version; CreatePlanWithAgencies shares it.
func (s *Store) insertAgency(ctx context.Context, tx *sql.Tx, actor int64, a *agency.Agency, t time.Time) error {
	id, err := s.insert(ctx, tx, `INSERT INTO agencies
		(parent_id, name, short_name, aliases, kind, valid_from, valid_to, successor_id, name_folded, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id`,
		refArg(a.ParentID), a.Name, a.ShortName, strings.Join(a.Aliases, "\n"), string(a.Kind),
		dateArg(a.ValidFrom), dateArg(a.ValidTo), refArg(a.SuccessorID), agencyFolded(a), tsArg(t), tsArg(t))
	if err != nil {
		return err
	}
	a.ID, a.Version, a.CreatedAt, a.UpdatedAt = id, 1, t, t
	return s.audit(ctx, tx, actor, "agency.create", "agency", id, a)
}

// UpdateAgency saves a; a.Version must be the version read (ErrConflict otherwise); it is incremented.
func (s *Store) UpdateAgency(ctx context.Context, actor int64, a *agency.Agency) (err error) {
	defer wrap(&err, "store.UpdateAgency(%d)", a.ID)
	normAgency(a)
	t := now()
	return s.Transact(ctx, func(tx *sql.Tx) error {
		old, err := scanAgency(s.queryRow(ctx, tx, `SELECT `+agencyCols+` FROM agencies WHERE id = ?`, a.ID))
		if err != nil {
			return err
		}
		if old.Version != a.Version {
			return ErrConflict
		}
		res, err := s.exec(ctx, tx, `UPDATE agencies SET parent_id = ?, name = ?, short_name = ?, aliases = ?, kind = ?,
			valid_from = ?, valid_to = ?, successor_id = ?, name_folded = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`,
			refArg(a.ParentID), a.Name, a.ShortName, strings.Join(a.Aliases, "\n"), string(a.Kind),
			dateArg(a.ValidFrom), dateArg(a.ValidTo), refArg(a.SuccessorID), agencyFolded(a), tsArg(t),
			a.ID, a.Version)
		if err != nil {
			return err
		}
		if err := s.checkVersion(ctx, tx, res, "agencies", a.ID); err != nil {
			return err
		}
		c := changes{}
		c.add("parent_id", old.ParentID, a.ParentID)
		c.add("name", old.Name, a.Name)
		c.add("short_name", old.ShortName, a.ShortName)
		c.add("aliases", old.Aliases, a.Aliases)
		c.add("kind", old.Kind, a.Kind)
		c.add("valid_from", old.ValidFrom, a.ValidFrom)
		c.add("valid_to", old.ValidTo, a.ValidTo)
		c.add("successor_id", old.SuccessorID, a.SuccessorID)
		if err := s.audit(ctx, tx, actor, "agency.update", "agency", a.ID, c); err != nil {
			return err
		}
		a.Version++
		a.CreatedAt, a.UpdatedAt = old.CreatedAt, t
		return nil
	})
}

// Agency reads one agency.
func (s *Store) Agency(ctx context.Context, id int64) (a *agency.Agency, err error) {
	defer wrap(&err, "store.Agency(%d)", id)
	v, err := scanAgency(s.queryRow(ctx, s.r, `SELECT `+agencyCols+` FROM agencies WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// Agencies lists every agency, sorted by name in Vietnamese collation
// (done in Go: neither database collates Vietnamese the same way, if at
// all). The order is kept until an agency changes (agencyCache).
func (s *Store) Agencies(ctx context.Context) (list []agency.Agency, err error) {
	defer wrap(&err, "store.Agencies")
	c, err := s.agencies(ctx)
	if err != nil {
		return nil, err
	}
	return cloneAgencies(c.sorted), nil
}

// splitLines splits a one-per-line text column, dropping blank lines; nil for none.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
