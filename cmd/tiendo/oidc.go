package main

import (
	"errors"
	"flag"
	"net/url"
	"os"
	"strings"

	"tiendo/internal/web"
)

// oidcFlags holds serve's single-sign-on settings.
type oidcFlags struct {
	issuer, clientID, redirect, claim, name *string
}

func newOIDCFlags(fs *flag.FlagSet) oidcFlags {
	return oidcFlags{
		issuer:   fs.String("oidc-issuer", envOr("TIENDO_OIDC_ISSUER", ""), "OpenID Connect provider for single sign-on, e.g. https://sso.camau.gov.vn/realms/camau (env TIENDO_OIDC_ISSUER); the client secret is read from TIENDO_OIDC_CLIENT_SECRET"),
		clientID: fs.String("oidc-client-id", envOr("TIENDO_OIDC_CLIENT_ID", ""), "client ID registered with the provider (env TIENDO_OIDC_CLIENT_ID)"),
		redirect: fs.String("oidc-redirect-url", envOr("TIENDO_OIDC_REDIRECT_URL", ""), "callback URL registered with the provider; default --base-url + /login/oidc/callback (env TIENDO_OIDC_REDIRECT_URL)"),
		claim:    fs.String("oidc-claim", envOr("TIENDO_OIDC_CLAIM", "preferred_username"), "ID-token claim naming the tiendo account: preferred_username (the username) or email (env TIENDO_OIDC_CLAIM)"),
		name:     fs.String("oidc-name", envOr("TIENDO_OIDC_NAME", "Đăng nhập một lần (SSO)"), "label of the sign-in button (env TIENDO_OIDC_NAME)"),
	}
}

// config checks the settings; nil when single sign-on is off.
func (f oidcFlags) config(baseURL string) (*web.OIDCConfig, error) {
	if *f.issuer == "" {
		return nil, nil
	}
	u, err := url.Parse(*f.issuer)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("--oidc-issuer: want the provider's URL, e.g. https://sso.camau.gov.vn/realms/camau")
	}
	if *f.clientID == "" {
		return nil, errors.New("--oidc-client-id is required with --oidc-issuer")
	}
	secret := os.Getenv("TIENDO_OIDC_CLIENT_SECRET")
	if secret == "" {
		return nil, errors.New("TIENDO_OIDC_CLIENT_SECRET is required with --oidc-issuer (environment only, so the secret is not in the process list)")
	}
	redirect := *f.redirect
	if redirect == "" {
		if baseURL == "" {
			return nil, errors.New("--oidc-redirect-url (or --base-url) is required with --oidc-issuer: the address the provider sends people back to")
		}
		redirect = strings.TrimRight(baseURL, "/") + "/login/oidc/callback"
	}
	if *f.claim != "preferred_username" && *f.claim != "email" {
		return nil, errors.New("--oidc-claim: preferred_username or email")
	}
	return &web.OIDCConfig{Issuer: *f.issuer, ClientID: *f.clientID, ClientSecret: secret, RedirectURL: redirect, Claim: *f.claim, Name: *f.name}, nil
}
