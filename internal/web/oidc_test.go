package web_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"tiendo/internal/clock"
	"tiendo/internal/server"
	"tiendo/internal/web"
)

// provider is an OpenID Connect provider running in the test: discovery,
// keys, an authorize endpoint that signs in whoever the test says, and a
// token endpoint that checks the PKCE verifier and the client secret.
type provider struct {
	t      *testing.T
	srv    *httptest.Server
	key    *rsa.PrivateKey
	other  *rsa.PrivateKey // signs tokens the provider's keys do not vouch for
	mu     sync.Mutex
	codes  map[string]url.Values
	who    map[string]any       // the claims of the next sign-in
	mutate func(map[string]any) // changes a token's claims (for bad tokens)
	badSig bool
	info   map[string]any // the userinfo endpoint's answer; nil: it fails
}

const (
	oidcClientID     = "tiendo-camau"
	oidcClientSecret = "bi-mat-cua-ung-dung"
)

func newProvider(t *testing.T) *provider {
	p := &provider{t: t, codes: map[string]url.Values{}}
	var err error
	if p.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	if p.other, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{
			"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize", "token_endpoint": p.srv.URL + "/token",
			"jwks_uri": p.srv.URL + "/keys", "userinfo_endpoint": p.srv.URL + "/userinfo",
			"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("GET /userinfo", func(w http.ResponseWriter, r *http.Request) {
		if p.info == nil {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		if r.Header.Get("Authorization") != "Bearer at" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(p.info)
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != oidcClientID || q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" {
			http.Error(w, "bad request", 400)
			return
		}
		code := base64.RawURLEncoding.EncodeToString([]byte(time.Now().String()))
		p.mu.Lock()
		p.codes[code] = q
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+url.QueryEscape(code)+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		id, secret, ok := r.BasicAuth()
		if !ok {
			id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
		}
		p.mu.Lock()
		auth, found := p.codes[r.PostForm.Get("code")]
		delete(p.codes, r.PostForm.Get("code"))
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if !found || id != oidcClientID || secret != oidcClientSecret || base64.RawURLEncoding.EncodeToString(sum[:]) != auth.Get("code_challenge") {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		claims := map[string]any{"iss": p.srv.URL, "aud": oidcClientID, "exp": time.Now().Add(5 * time.Minute).Unix(),
			"iat": time.Now().Unix(), "nonce": auth.Get("nonce")}
		for k, v := range p.who {
			claims[k] = v
		}
		if p.mutate != nil {
			p.mutate(claims)
		}
		key := p.key
		if p.badSig {
			key = p.other
		}
		signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
		if err != nil {
			t.Fatal(err)
		}
		payload, _ := json.Marshal(claims)
		obj, err := signer.Sign(payload)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := obj.CompactSerialize()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": raw})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

// newOIDCApp is the application with single sign-on through p (claim
// names the local account).
func newOIDCApp(t *testing.T, issuer, claim string) *app {
	a := newApp(t)
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	var err error
	h, err = server.New(server.Config{Store: a.store, Clock: clock.Fixed(testNow), Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		TOTPClock: a.totp, OIDC: &web.OIDCConfig{Issuer: issuer, ClientID: oidcClientID, ClientSecret: oidcClientSecret,
			RedirectURL: srv.URL + "/login/oidc/callback", Claim: claim, Name: "Đăng nhập một lần (SSO tỉnh)"}})
	if err != nil {
		t.Fatal(err)
	}
	a.srv = srv
	return a
}

// sso runs the whole sign-in through the provider as c; it returns the
// answer of tiendo's callback.
func (a *app) sso(t *testing.T, c *client, next string) *response {
	t.Helper()
	r := c.get("/login/oidc?next=" + url.QueryEscape(next))
	if r.status != http.StatusFound {
		t.Fatalf("GET /login/oidc: %d\n%s", r.status, r.body)
	}
	req, _ := http.NewRequest("GET", r.header.Get("Location"), nil)
	res, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("provider authorize: %d", res.StatusCode)
	}
	cb, _ := url.Parse(res.Header.Get("Location"))
	return c.get(cb.RequestURI())
}

func TestOIDCSignIn(t *testing.T) {
	p := newProvider(t)
	a := newOIDCApp(t, p.srv.URL, "preferred_username")
	if !strings.Contains(a.anon().get("/login").body, "Đăng nhập một lần (SSO tỉnh)") {
		t.Error("the sign-in page has no single-sign-on button")
	}
	// An officer signs in and lands where they were going.
	p.who = map[string]any{"sub": "kc-001", "preferred_username": "chuyenvien"}
	c := a.anon()
	r := a.sso(t, c, "/reports")
	if r.status != http.StatusSeeOther || r.header.Get("Location") != "/reports" || !c.signedIn() {
		t.Fatalf("SSO sign-in: %d → %q\n%s", r.status, r.header.Get("Location"), r.body)
	}
	// Linked by subject: the claim changing at the provider does not move
	// the account, and a new account reusing the old name is not it.
	p.who = map[string]any{"sub": "kc-001", "preferred_username": "doi-ten"}
	c2 := a.anon()
	if r := a.sso(t, c2, "/"); r.status != http.StatusSeeOther || !strings.Contains(c2.get("/account").body, "chuyenvien") {
		t.Errorf("after the claim changed: %d", r.status)
	}
	p.who = map[string]any{"sub": "kc-999", "preferred_username": "chuyenvien"}
	if r := a.sso(t, a.anon(), "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "đã liên kết") {
		t.Errorf("another provider account carrying a linked user's name: %d", r.status)
	}
	// Unknown people are not given accounts.
	p.who = map[string]any{"sub": "kc-002", "preferred_username": "nguoila"}
	if r := a.sso(t, a.anon(), "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "chưa có trong tiendo") {
		t.Errorf("unknown user: %d", r.status)
	}
	// An admin still gives the second factor.
	p.who = map[string]any{"sub": "kc-003", "preferred_username": "quantri"}
	if r := a.sso(t, a.anon(), "/"); r.header.Get("Location") != "/login/2fa" {
		t.Errorf("admin through SSO → %q; want the second factor", r.header.Get("Location"))
	}
	// A disabled user is refused.
	u, _, _ := a.store.UserByName(t.Context(), "lanhdaotinh")
	a.store.SetUserDisabled(t.Context(), 0, u.ID, true)
	p.who = map[string]any{"sub": "kc-004", "preferred_username": "lanhdaotinh"}
	if r := a.sso(t, a.anon(), "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "đã bị khóa") {
		t.Errorf("disabled user: %d", r.status)
	}
}

func TestOIDCRefusesBadTokens(t *testing.T) {
	p := newProvider(t)
	a := newOIDCApp(t, p.srv.URL, "preferred_username")
	p.who = map[string]any{"sub": "kc-001", "preferred_username": "chuyenvien"}
	for name, setup := range map[string]func(){
		"wrong nonce":    func() { p.mutate = func(c map[string]any) { c["nonce"] = "khac" } },
		"wrong audience": func() { p.mutate = func(c map[string]any) { c["aud"] = "ung-dung-khac" } },
		"wrong issuer":   func() { p.mutate = func(c map[string]any) { c["iss"] = "https://gia-mao.example" } },
		"expired":        func() { p.mutate = func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() } },
		"bad signature":  func() { p.badSig = true },
	} {
		p.mutate, p.badSig = nil, false
		setup()
		c := a.anon()
		if r := a.sso(t, c, "/"); r.status != http.StatusUnauthorized || c.signedIn() {
			t.Errorf("%s: %d", name, r.status)
		}
	}
	p.mutate, p.badSig = nil, false
	// A callback whose state is not the one this browser was given.
	c := a.anon()
	r := c.get("/login/oidc")
	loc, _ := url.Parse(r.header.Get("Location"))
	q := loc.Query()
	q.Set("state", "gia-mao")
	loc.RawQuery = q.Encode()
	res, err := c.http.Get(loc.String())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	cb, _ := url.Parse(res.Header.Get("Location"))
	if r := c.get(cb.RequestURI()); r.status != http.StatusUnauthorized || c.signedIn() {
		t.Errorf("forged state: %d", r.status)
	}
	// A callback with no sign-in started.
	if r := a.anon().get("/login/oidc/callback?code=x&state=y"); r.status != http.StatusUnauthorized {
		t.Errorf("callback out of the blue: %d", r.status)
	}
}

func TestOIDCOffAndDown(t *testing.T) {
	a := newApp(t)
	if r := a.anon().get("/login/oidc"); r.status != http.StatusNotFound {
		t.Errorf("SSO off: /login/oidc %d", r.status)
	}
	if strings.Contains(a.anon().get("/login").body, "sso-login") {
		t.Error("SSO off but the button shows")
	}
	down := httptest.NewServer(http.NotFoundHandler())
	issuer := down.URL
	down.Close()
	b := newOIDCApp(t, issuer, "preferred_username")
	r := b.anon().get("/login/oidc")
	if r.status != http.StatusBadGateway || !strings.Contains(r.body, "đăng nhập bằng mật khẩu") {
		t.Errorf("provider down: %d", r.status)
	}
	if r := b.anon().get("/login"); r.status != http.StatusOK {
		t.Errorf("sign-in page with the provider down: %d", r.status)
	}
}

// TestOIDCUserinfoMustNameTheSameAccount: claims fetched from userinfo
// count only when its sub is the ID token's.
func TestOIDCUserinfoMustNameTheSameAccount(t *testing.T) {
	p := newProvider(t)
	a := newOIDCApp(t, p.srv.URL, "preferred_username")
	p.who = map[string]any{"sub": "kc-050"} // the ID token names nobody
	p.info = map[string]any{"sub": "kc-khac", "preferred_username": "chuyenvien"}
	c := a.anon()
	if r := a.sso(t, c, "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "không khớp") || c.signedIn() {
		t.Errorf("userinfo of another account: %d", r.status)
	}
	if linked, _ := a.store.UserHasIdentity(t.Context(), p.srv.URL, a.userID(t, "chuyenvien")); linked {
		t.Error("a refused sign-in linked the account")
	}
	p.info["sub"] = "kc-050"
	c = a.anon()
	if r := a.sso(t, c, "/"); r.status != http.StatusSeeOther || !c.signedIn() {
		t.Errorf("userinfo of the same account: %d\n%s", r.status, r.body)
	}
	// A provider whose userinfo fails is not a sign-in.
	p.who = map[string]any{"sub": "kc-051"}
	p.info = nil
	if r := a.sso(t, a.anon(), "/"); r.status != http.StatusUnauthorized || !strings.Contains(r.body, "Không lấy được thông tin tài khoản") {
		t.Errorf("userinfo failing: %d", r.status)
	}
}
