package web

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig turns on single sign-on with an OpenID Connect provider (the
// province's Keycloak, say). Accounts are not created by signing in: the
// person must already be a tiendo user (their agency and role are the
// admin's to give); the provider's account is linked to the user found by
// Claim on the first sign-in, and by its subject from then on.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string // …/login/oidc/callback, as registered with the provider
	Claim        string // "preferred_username" (matched to the username) or "email"
	Name         string // the button's label
}

// oidcClient talks to the provider. Discovery happens on first use, not at
// start, so that tiendo serves (with passwords) while the provider is down;
// a failed discovery is retried on the next sign-in.
type oidcClient struct {
	cfg OIDCConfig

	mu       sync.Mutex
	provider *oidc.Provider
}

// errOIDCDown is shown when the provider cannot be reached.
var errOIDCDown = errors.New("web: OIDC provider unreachable")

// setup returns the OAuth2 configuration and the ID-token verifier,
// discovering the provider if not yet done.
func (c *oidcClient) setup(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.provider == nil {
		dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		p, err := oidc.NewProvider(dctx, c.cfg.Issuer)
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", errOIDCDown, err)
		}
		c.provider = p
	}
	oc := &oauth2.Config{ClientID: c.cfg.ClientID, ClientSecret: c.cfg.ClientSecret, RedirectURL: c.cfg.RedirectURL,
		Endpoint: c.provider.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
	return oc, c.provider.Verifier(&oidc.Config{ClientID: c.cfg.ClientID}), nil
}

// userInfo asks the provider's userinfo endpoint, with the access token
// of tok, for the claims of the account signing in (OpenID Connect Core
// §5.3); setup has discovered the provider by then.
func (c *oidcClient) userInfo(ctx context.Context, tok *oauth2.Token) (*oidc.UserInfo, error) {
	c.mu.Lock()
	p := c.provider
	c.mu.Unlock()
	if p == nil {
		return nil, errOIDCDown
	}
	uctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	return p.UserInfo(uctx, oauth2.StaticTokenSource(tok))
}

// oidcCookie keeps state, nonce, PKCE verifier and the page to go back to
// between the redirect to the provider and its answer. SameSite=Lax: the
// answer is a top-level navigation from the provider's site.
const oidcCookie = "tiendo_oidc"
