package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"tiendo/internal/app"
	"tiendo/internal/auth"
	"tiendo/internal/derrors"
	"tiendo/internal/vntext"
)

// tokenCreate makes an API token for the signed-in user and shows it once,
// in this response (not in a URL, not cached): only its hash is stored.
func (h *handler) tokenCreate(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := app.TokenRequest{Name: strings.TrimSpace(vntext.NFC(r.PostFormValue("name"))), Scope: auth.TokenScope(r.PostFormValue("scope"))}
	in.Days, _ = strconv.Atoi(r.PostFormValue("days"))
	token, err := h.app.CreateToken(r.Context(), h.user(r), in)
	if err != nil && !errors.Is(err, derrors.Invalid) {
		return err
	}
	p, derr := h.tokenData(r)
	if derr != nil {
		return derr
	}
	if err != nil {
		p.Error, p.Name, p.Scope, p.Expiry = derrors.MessageOf(err), in.Name, in.Scope, in.Days
		return reshow(http.StatusUnprocessableEntity, "account_tokens", &page{Title: "Mã truy cập API", Nav: "account", Data: p})
	}
	p.New, p.NewName = token, in.Name
	return h.render(w, r, http.StatusCreated, "account_tokens", &page{Title: "Mã truy cập API", Nav: "account", Data: p})
}

// tokenRevoke revokes one of the user's own tokens; another user's token
// is not found.
func (h *handler) tokenRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := h.app.RevokeToken(r.Context(), h.user(r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/account/tokens?done=revoked", http.StatusSeeOther)
	return nil
}
