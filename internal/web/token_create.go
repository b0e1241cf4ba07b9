package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"tiendo/internal/auth"
	"tiendo/internal/vntext"
)

// tokenCreate makes an API token for the signed-in user and shows it once,
// in this response (not in a URL, not cached): only its hash is stored.
func (h *handler) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	p, err := h.tokenData(r)
	if err != nil {
		return err
	}
	p.Name = strings.TrimSpace(vntext.NFC(r.PostFormValue("name")))
	p.Scope = auth.TokenScope(r.PostFormValue("scope"))
	p.Expiry, _ = strconv.Atoi(r.PostFormValue("days"))
	switch {
	case p.Name == "":
		p.Error = "Hãy đặt tên cho mã (ví dụ: \"Phần mềm tổng hợp của Sở\") để sau này biết mã nào dùng ở đâu."
	case utf8.RuneCountInString(p.Name) > 100:
		p.Error = "Tên mã dài quá 100 ký tự."
	case !p.Scope.Valid():
		p.Error = "Hãy chọn phạm vi của mã."
	case !slices.Contains(tokenDays, p.Expiry):
		p.Error = "Hãy chọn thời hạn của mã (tối đa 365 ngày)."
	}
	if p.Error != "" {
		return reshow(http.StatusUnprocessableEntity, "account_tokens", &page{Title: "Mã truy cập API", Nav: "account", Data: p})
	}
	u := userFrom(r.Context())
	token, hash := auth.NewToken()
	expires := h.clock.Now().AddDate(0, 0, p.Expiry)
	if _, err := h.store.CreateScopedToken(r.Context(), u.ID, u.ID, hash, p.Name, p.Scope, expires); err != nil {
		return err
	}
	name := p.Name
	if p, err = h.tokenData(r); err != nil {
		return err
	}
	p.New, p.NewName = token, name
	return h.render(w, r, http.StatusCreated, "account_tokens", &page{Title: "Mã truy cập API", Nav: "account", Data: p})
}

// tokenRevoke revokes one of the user's own tokens; another user's token
// is not found.
func (h *handler) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	u := userFrom(r.Context())
	if err := h.store.RevokeTokenID(r.Context(), u.ID, u.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/tokens?done=revoked", http.StatusSeeOther)
	return nil
}
