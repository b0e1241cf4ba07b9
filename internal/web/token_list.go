package web

import (
	"net/http"

	"tiendo/internal/auth"
)

// tokenPage is the data of the API tokens page.
type tokenPage struct {
	Tokens  []tokenRow
	Scopes  []auth.TokenScope
	Days    []int
	New     string // the token just made, shown this once
	NewName string
	Error   string
	Name    string // the form as typed, on an error
	Scope   auth.TokenScope
	Expiry  int
	Done    string
}

// tokenRow is one token with its state in words.
type tokenRow struct {
	auth.Token
	State string
	Live  bool
}

// tokenList shows the user's API tokens — never the tokens themselves —
// and the form to make one.
func (h *handler) tokenList(w http.ResponseWriter, r *http.Request) error {
	p, err := h.tokenData(r)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "revoked" {
		p.Done = "Đã thu hồi mã truy cập: chương trình dùng mã này sẽ không truy cập được nữa."
	}
	return h.render(w, r, http.StatusOK, "account_tokens", &page{Title: "Mã truy cập API", Nav: "account", Data: p})
}

// tokenData is the tokens page with the user's tokens and the form's
// defaults.
func (h *handler) tokenData(r *http.Request) (*tokenPage, error) {
	list, err := h.app.Tokens(r.Context(), h.user(r))
	if err != nil {
		return nil, err
	}
	now := h.clock.Now()
	p := &tokenPage{Scopes: auth.TokenScopes, Days: auth.TokenDays, Scope: auth.ScopeRead, Expiry: auth.DefaultTokenDays}
	for _, t := range list {
		row := tokenRow{Token: t, Live: t.Live(now)}
		switch {
		case !t.RevokedAt.IsZero():
			row.State = "Đã thu hồi"
		case !row.Live:
			row.State = "Hết hạn"
		default:
			row.State = "Còn hiệu lực"
		}
		p.Tokens = append(p.Tokens, row)
	}
	return p, nil
}
