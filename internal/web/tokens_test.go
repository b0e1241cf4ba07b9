package web_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"tiendo/internal/auth"
)

// flowTokens: a user makes an API token, sees it once, it works within its
// scope, its last use shows, only its hash is stored, and it can be
// revoked — by its owner only.
func flowTokens(t *testing.T, a *app) {
	c := a.as("head")
	if r := c.get("/account"); !strings.Contains(r.body, `href="/account/tokens"`) {
		t.Error("account page has no link to the tokens")
	}
	r := c.post("/account/tokens", url.Values{"name": {""}, "scope": {"read"}, "days": {"90"}})
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Hãy đặt tên") {
		t.Errorf("token without a name: %d", r.status)
	}
	if r := c.post("/account/tokens", url.Values{"name": {"x"}, "scope": {"read"}, "days": {"9999"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("token for 9999 days: %d", r.status)
	}
	if r := c.post("/account/tokens", url.Values{"name": {"x"}, "scope": {"god"}, "days": {"30"}}); r.status != http.StatusUnprocessableEntity {
		t.Errorf("token with an unknown scope: %d", r.status)
	}
	r = c.post("/account/tokens", url.Values{"name": {"Bảng điều khiển của Sở"}, "scope": {"read"}, "days": {"30"}})
	if r.status != http.StatusCreated || r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q", r.status, r.header.Get("Cache-Control"))
	}
	token := r.doc().text("code.token-value")
	if len(token) < 40 {
		t.Fatalf("token shown: %q", token)
	}
	// Never again: not on the list, not in the database.
	if strings.Contains(c.get("/account/tokens").body, token) {
		t.Error("the token shows again on the list")
	}
	var stored, plain int
	err := a.store.Transact(context.Background(), func(tx *sql.Tx) error {
		// $1 is what both SQLite and PostgreSQL read as the first parameter.
		if err := tx.QueryRow(`SELECT COUNT(*) FROM api_tokens WHERE token_hash = $1`, auth.HashToken(token)).Scan(&stored); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT token_hash, name FROM api_tokens`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var hash []byte
			var name string
			if err := rows.Scan(&hash, &name); err != nil {
				return err
			}
			if string(hash) == token || name == token {
				plain++
			}
		}
		return rows.Err()
	})
	if err != nil || stored != 1 || plain != 0 {
		t.Errorf("database: %d rows under the hash, %d holding the token itself (%v)", stored, plain, err)
	}
	api := func(method, path string) int {
		req, _ := http.NewRequest(method, a.srv.URL+"/api/v1"+path, strings.NewReader(`{"product":"x"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := api("GET", "/plans"); got != http.StatusOK {
		t.Errorf("read token GET: %d", got)
	}
	if got := api("POST", "/reports/1/submit"); got != http.StatusForbidden {
		t.Errorf("read token submitting a report: %d", got)
	}
	d := c.get("/account/tokens").doc()
	if got := d.text("table.tokens td.last-used"); got == "Chưa dùng" || got == "" {
		t.Errorf("last use shown as %q", got)
	}
	id := attr(d.one("table.tokens tr[data-token]"), "data-token")
	if r := a.as("officer").post("/account/tokens/"+id+"/revoke", nil); r.status != http.StatusNotFound {
		t.Errorf("another user revoking the token: %d", r.status)
	}
	if r := c.post("/account/tokens/"+id+"/revoke", nil); r.header.Get("Location") != "/account/tokens?done=revoked" {
		t.Fatalf("revoke: %d", r.status)
	}
	if got := api("GET", "/plans"); got != http.StatusUnauthorized {
		t.Errorf("revoked token: %d", got)
	}
	if got := c.get("/account/tokens").doc().text("table.tokens td.state"); got != "Đã thu hồi" {
		t.Errorf("state %q", got)
	}
}

func TestTokens(t *testing.T) { flowTokens(t, newApp(t)) }
