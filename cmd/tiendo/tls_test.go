package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"tiendo/internal/auth"
)

// selfSigned writes a certificate for 127.0.0.1 and its key; it returns
// their paths and a pool that trusts the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tiendo thử"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:    x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600)
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// TestServeTLS: with --tls-cert/--tls-key tiendo serves HTTPS only, sends
// HSTS and marks the session cookie Secure.
func TestServeTLS(t *testing.T) {
	db := tempDB(t)
	if r := runCmd(t, "mat-khau-rat-dai-2026\n", "user", "add", "--db", db, "--username", "lan", "--role", "leader", "--password-stdin"); r.err != nil {
		t.Fatal(r.err)
	}
	cert, key, pool := selfSigned(t)
	sv := startServe(t, "--db", db, "--tls-cert", cert, "--tls-key", key)
	if !strings.Contains(sv.stdout.String(), "https://"+sv.addr) {
		t.Fatalf("serve printed %q", sv.stdout.String())
	}
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Get("https://" + sv.addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if hsts := res.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(hsts, "max-age=") {
		t.Errorf("HSTS = %q", hsts)
	}
	if res.TLS == nil || res.TLS.Version < tls.VersionTLS12 {
		t.Errorf("TLS state %v", res.TLS)
	}
	req, _ := http.NewRequest("POST", "https://"+sv.addr+"/login", strings.NewReader(url.Values{"username": {"lan"}, "password": {"mat-khau-rat-dai-2026"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://"+sv.addr)
	res, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var secure bool
	for _, c := range res.Cookies() {
		if c.Name == auth.SessionCookie {
			secure = c.Secure
		}
	}
	if res.StatusCode != http.StatusSeeOther || !secure {
		t.Errorf("sign-in over TLS = %d, session cookie Secure = %t", res.StatusCode, secure)
	}
	// Plain HTTP on the TLS port is not served.
	if res, err := http.Get("http://" + sv.addr + "/login"); err == nil {
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			t.Error("plain HTTP answered 200 on the TLS port")
		}
	}
}

func TestServeTLSBadFlags(t *testing.T) {
	cert, key, _ := selfSigned(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--tls-cert", cert}, "go together"},
		{[]string{"--tls-key", key}, "go together"},
		{[]string{"--tls-cert", cert, "--tls-key", cert}, "--tls-cert/--tls-key"},
		{[]string{"--tls-cert", "/nonexistent.pem", "--tls-key", key}, "--tls-cert/--tls-key"},
		{[]string{"--require-2fa", "admin,root"}, "is not a role"},
		{[]string{"--session-idle", "13h"}, "--session-idle"},
		{[]string{"--session-idle", "30s"}, "at least 5m"},
		{[]string{"--session-idle", "4m59s"}, "at least 5m"},
		{[]string{"--session-max", "1m"}, "--session-max"},
		{[]string{"--oidc-issuer", "sso.camau"}, "--oidc-issuer"},
		{[]string{"--oidc-issuer", "https://sso.camau.gov.vn/realms/camau"}, "--oidc-client-id"},
		{[]string{"--oidc-issuer", "https://sso.camau.gov.vn/realms/camau", "--oidc-client-id", "tiendo"}, "TIENDO_OIDC_CLIENT_SECRET"},
	} {
		r := runCmd(t, "", append([]string{"serve", "--db", tempDB(t), "--addr", "127.0.0.1:0"}, tc.args...)...)
		if r.err == nil || !strings.Contains(r.err.Error(), tc.want) {
			t.Errorf("serve %v: %v; want %q", tc.args, r.err, tc.want)
		}
	}
}
