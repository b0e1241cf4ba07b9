package store

import (
	"context"
	"database/sql"
	"strings"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// SetPlanLevel saves a plan's level and issuer (cơ quan ban hành), with
// an audit row of what changed. ErrNotFound for an unknown plan.
func (s *Store) SetPlanLevel(ctx context.Context, actor, planID int64, level plan.Level, issuer string) (err error) {
	defer wrap(&err, "store.SetPlanLevel(%d)", planID)
	issuer = strings.TrimSpace(vntext.NFC(issuer))
	return s.Transact(ctx, func(tx *sql.Tx) error {
		var oldLevel plan.Level
		var oldIssuer string
		if err := s.tqueryRow(ctx, tx, `SELECT level, issuer FROM plans WHERE id = ?`, planID).Scan(&oldLevel, &oldIssuer); err != nil {
			return err
		}
		c := changes{}
		c.add("level", oldLevel, level)
		c.add("issuer", oldIssuer, issuer)
		if len(c) == 0 {
			return nil
		}
		if _, err := s.texec(ctx, tx, `UPDATE plans SET level = ?, issuer = ?, updated_at = ? WHERE id = ?`,
			string(level), issuer, tsArg(now()), planID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "plan.level", "plan", planID, c)
	})
}
