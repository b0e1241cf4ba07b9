package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"tiendo/internal/rollup"
)

// Packages across instances (migration 00026): this instance's signing
// key, the senders the admin registered, the packages received.

// InstanceKey reads this instance's signing key and sender name;
// ErrNotFound when none was made yet.
func (s *Store) InstanceKey(ctx context.Context) (name string, key ed25519.PrivateKey, err error) {
	defer wrap(&err, "store.InstanceKey")
	var priv []byte
	err = s.queryRow(ctx, s.r, `SELECT name, private_key FROM instance_keys WHERE id = 1`).Scan(&name, &priv)
	if err != nil {
		return "", nil, err
	}
	if len(priv) != ed25519.PrivateKeySize {
		return "", nil, errors.New("store: the instance key is damaged")
	}
	return name, ed25519.PrivateKey(priv), nil
}

// EnsureInstanceKey stores key as this instance's signing key, with name,
// unless one is stored already (by another instance sharing the
// database, say); it returns the key stored.
func (s *Store) EnsureInstanceKey(ctx context.Context, actor int64, name string, key ed25519.PrivateKey) (string, ed25519.PrivateKey, error) {
	err := s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.texec(ctx, tx, `INSERT INTO instance_keys (id, name, public_key, private_key, created_at)
			VALUES (1, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, name, []byte(key.Public().(ed25519.PublicKey)), []byte(key), tsArg(now()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return s.audit(ctx, tx, actor, "rollup.key", "instance", 1, map[string]any{
			"public_key": rollup.EncodeKey(key.Public().(ed25519.PublicKey)), "name": name})
	})
	if err != nil {
		return "", nil, err
	}
	return s.InstanceKey(ctx)
}

// SetInstanceName changes the sender name this instance's packages carry.
func (s *Store) SetInstanceName(ctx context.Context, actor int64, name string) (err error) {
	defer wrap(&err, "store.SetInstanceName")
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var old string
		if err := s.tqueryRow(ctx, tx, `SELECT name FROM instance_keys WHERE id = 1`).Scan(&old); err != nil {
			return err
		}
		if old == name {
			return nil
		}
		if _, err := s.texec(ctx, tx, `UPDATE instance_keys SET name = ? WHERE id = 1`, name); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "rollup.name", "instance", 1, changes{"name": {old, name}})
	})
}

const senderCols = `id, name, public_key, note, added_at, added_by, revoked_at`

func scanSender(sc scanner) (rollup.SenderKey, error) {
	var k rollup.SenderKey
	var key []byte
	err := sc.Scan(&k.ID, &k.Name, &key, &k.Note, timeCol{&k.AddedAt}, idCol{&k.AddedBy}, timeCol{&k.RevokedAt})
	k.Key = ed25519.PublicKey(key)
	return k, err
}

// AddSender registers a sender's public key. ErrDuplicate when the key is
// registered (and not revoked) already.
func (s *Store) AddSender(ctx context.Context, actor int64, k *rollup.SenderKey) (err error) {
	defer wrap(&err, "store.AddSender")
	k.AddedAt, k.AddedBy = now(), actor
	return s.Transact(ctx, func(tx *sql.Tx) error {
		id, err := s.insert(ctx, tx, `INSERT INTO rollup_senders (name, public_key, note, added_at, added_by)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, k.Name, []byte(k.Key), k.Note, tsArg(k.AddedAt), refArg(actor))
		if err != nil {
			return err
		}
		k.ID = id
		return s.audit(ctx, tx, actor, "rollup.sender.add", "rollup_sender", id, map[string]any{
			"name": k.Name, "public_key": rollup.EncodeKey(k.Key), "fingerprint": rollup.Fingerprint(k.Key)})
	})
}

// RevokeSender stops accepting packages signed with sender id's key
// (packages received stay). ErrNotFound when there is no such sender
// still accepted.
func (s *Store) RevokeSender(ctx context.Context, actor, id int64) (err error) {
	defer wrap(&err, "store.RevokeSender(%d)", id)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		res, err := s.texec(ctx, tx, `UPDATE rollup_senders SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`,
			tsArg(now()), refArg(actor), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, actor, "rollup.sender.revoke", "rollup_sender", id, nil)
	})
}

// Senders lists the senders registered, revoked ones included, oldest first.
func (s *Store) Senders(ctx context.Context) (list []rollup.SenderKey, err error) {
	defer wrap(&err, "store.Senders")
	err = s.each(ctx, `SELECT `+senderCols+` FROM rollup_senders ORDER BY id`, nil, func(rows *sql.Rows) error {
		k, err := scanSender(rows)
		list = append(list, k)
		return err
	})
	return list, err
}

// SenderByKey reads the sender still accepted whose key is key;
// ErrNotFound when none.
func (s *Store) SenderByKey(ctx context.Context, key ed25519.PublicKey) (k *rollup.SenderKey, err error) {
	defer wrap(&err, "store.SenderByKey")
	v, err := scanSender(s.queryRow(ctx, s.r, `SELECT `+senderCols+` FROM rollup_senders
		WHERE public_key = ? AND revoked_at IS NULL`, []byte(key)))
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// ImportPackage keeps package r (matched to this instance's plan, period
// and tasks), in one transaction with its audit row: the first of its
// sender, plan and period is new; the same package again (its digest)
// changes nothing; a newer one replaces the one held; an older one is
// refused (*rollup.ErrOlderPackage) and nothing changes.
func (s *Store) ImportPackage(ctx context.Context, actor int64, r *rollup.Received) (out rollup.ImportOutcome, err error) {
	defer wrap(&err, "store.ImportPackage(sender %d, plan %d, period %d)", r.SenderID, r.PlanID, r.PeriodID)
	err = s.Transact(ctx, func(tx *sql.Tx) error {
		var heldID int64
		var heldDigest string
		var heldAt time.Time
		err := s.tqueryRow(ctx, tx, `SELECT id, digest, created_at FROM rollup_packages
			WHERE sender_id = ? AND plan_id = ? AND period_id = ? AND replaced_at IS NULL`,
			r.SenderID, r.PlanID, r.PeriodID).Scan(&heldID, &heldDigest, timeCol{&heldAt})
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out = rollup.ImportNew
		case err != nil:
			return err
		case heldDigest == r.Digest:
			out = rollup.ImportUnchanged
			return nil
		case !r.CreatedAt.After(heldAt):
			return &rollup.ErrOlderPackage{Held: heldAt}
		default:
			out = rollup.ImportReplaced
		}
		at := now()
		if heldID != 0 {
			if _, err := s.texec(ctx, tx, `UPDATE rollup_packages SET replaced_at = ? WHERE id = ?`, tsArg(at), heldID); err != nil {
				return err
			}
		}
		r.ImportedAt, r.ImportedBy = at, actor
		id, err := s.insert(ctx, tx, `INSERT INTO rollup_packages (sender_id, plan_id, period_id, sender_name, period_key,
			created_at, as_of, digest, body, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.SenderID, r.PlanID, r.PeriodID, r.Sender, r.PeriodKey, tsArg(r.CreatedAt), dateArg(r.AsOf), r.Digest,
			string(r.Body), tsArg(at), refArg(actor))
		if err != nil {
			return err
		}
		r.ID = id
		for i, it := range r.Items {
			l := &it.Linked
			ev, err := json.Marshal(l.Evidence)
			if err != nil {
				return err
			}
			if l.Evidence == nil {
				ev = []byte("[]")
			}
			if _, err := s.texec(ctx, tx, `INSERT INTO rollup_package_items (package_id, ord, upstream_task_id, plan_code,
				plan_title, task_id, agency_id, task_number, task_title, agency, status, overdue_days, progress, result,
				result_period, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i+1, it.UpstreamTaskID, l.PlanCode, l.PlanTitle, l.TaskID, l.AgencyID, l.Number, l.Title, l.AgencyName,
				string(l.Status), l.OverdueDays, l.Progress, l.Result, l.ResultPeriod, string(ev)); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "rollup.import", "rollup_package", id, map[string]any{
			"sender_id": r.SenderID, "plan_id": r.PlanID, "period_id": r.PeriodID, "digest": r.Digest,
			"items": len(r.Items), "outcome": out, "replaces": heldID})
	})
	return out, err
}

const packageCols = `p.id, p.sender_id, p.sender_name, p.plan_id, p.period_id, p.period_key, p.created_at, p.as_of, p.digest,
	p.imported_at, p.imported_by, p.replaced_at`

func scanPackage(sc scanner) (rollup.Received, error) {
	var r rollup.Received
	err := sc.Scan(&r.ID, &r.SenderID, &r.Sender, &r.PlanID, &r.PeriodID, &r.PeriodKey, timeCol{&r.CreatedAt},
		timeCol{&r.AsOf}, &r.Digest, timeCol{&r.ImportedAt}, idCol{&r.ImportedBy}, timeCol{&r.ReplacedAt})
	return r, err
}

// Packages lists the packages received, the newest first, replaced ones
// included (without their items and bodies), at most limit (100 when ≤ 0).
func (s *Store) Packages(ctx context.Context, limit int) (list []rollup.Received, err error) {
	defer wrap(&err, "store.Packages")
	if limit <= 0 {
		limit = 100
	}
	err = s.each(ctx, `SELECT `+packageCols+` FROM rollup_packages p ORDER BY p.id DESC LIMIT ?`, []any{limit},
		func(rows *sql.Rows) error {
			r, err := scanPackage(rows)
			list = append(list, r)
			return err
		})
	return list, err
}

// Package reads one package received with its body. ErrNotFound when none.
func (s *Store) Package(ctx context.Context, id int64) (r *rollup.Received, err error) {
	defer wrap(&err, "store.Package(%d)", id)
	var body string
	row := s.queryRow(ctx, s.r, `SELECT `+packageCols+`, p.body FROM rollup_packages p WHERE p.id = ?`, id)
	var v rollup.Received
	if err := row.Scan(&v.ID, &v.SenderID, &v.Sender, &v.PlanID, &v.PeriodID, &v.PeriodKey, timeCol{&v.CreatedAt},
		timeCol{&v.AsOf}, &v.Digest, timeCol{&v.ImportedAt}, idCol{&v.ImportedBy}, timeCol{&v.ReplacedAt}, &body); err != nil {
		return nil, err
	}
	v.Body = []byte(body)
	return &v, nil
}

// PackageItems reads the current packages for upstream plan planID's
// period periodID with their items, by package ID.
func (s *Store) PackageItems(ctx context.Context, planID, periodID int64) (list []rollup.Received, err error) {
	defer wrap(&err, "store.PackageItems(%d, %d)", planID, periodID)
	err = s.each(ctx, `SELECT `+packageCols+` FROM rollup_packages p WHERE p.plan_id = ? AND p.period_id = ?
		AND p.replaced_at IS NULL ORDER BY p.id`, []any{planID, periodID}, func(rows *sql.Rows) error {
		r, err := scanPackage(rows)
		list = append(list, r)
		return err
	})
	if err != nil || len(list) == 0 {
		return list, err
	}
	at := map[int64]int{}
	for i := range list {
		at[list[i].ID] = i
	}
	err = s.each(ctx, `SELECT i.package_id, i.upstream_task_id, i.plan_code, i.plan_title, i.task_id, i.agency_id, i.task_number,
		i.task_title, i.agency, i.status, i.overdue_days, i.progress, i.result, i.result_period, i.evidence
		FROM rollup_package_items i JOIN rollup_packages p ON p.id = i.package_id
		WHERE p.plan_id = ? AND p.period_id = ? AND p.replaced_at IS NULL ORDER BY i.package_id, i.ord`,
		[]any{planID, periodID}, func(rows *sql.Rows) error {
			var pkg int64
			var it rollup.ReceivedItem
			l := &it.Linked
			var ev string
			if err := rows.Scan(&pkg, &it.UpstreamTaskID, &l.PlanCode, &l.PlanTitle, &l.TaskID, &l.AgencyID, &l.Number,
				&l.Title, &l.AgencyName, &l.Status, &l.OverdueDays, &l.Progress, &l.Result, &l.ResultPeriod, &ev); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(ev), &l.Evidence); err != nil {
				return err
			}
			r := &list[at[pkg]]
			l.PackageID, l.Sender, l.AsOf = r.ID, r.Sender, r.AsOf
			r.Items = append(r.Items, it)
			return nil
		})
	return list, err
}

// AuditExport records that a package of upstream plan planID's period
// periodID was signed and handed out, with how many upstream tasks it
// spoke about: sending data out of the instance is on the record.
func (s *Store) AuditExport(ctx context.Context, actor, planID, periodID int64, items int) (err error) {
	defer wrap(&err, "store.AuditExport(%d, %d)", planID, periodID)
	return s.Transact(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "rollup.export", "plan", planID, map[string]any{"period_id": periodID, "items": items})
	})
}
