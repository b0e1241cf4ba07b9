// Package smtptest runs a real SMTP server in a test process
// (github.com/emersion/go-smtp on 127.0.0.1:0) that keeps every message it
// accepts, so that the tests of the mailer and of the reminder job check
// what a mail server receives rather than what the code meant to send.
package smtptest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message as the server got it.
type Received struct {
	From   string   // MAIL FROM
	Rcpts  []string // RCPT TO, in order
	Header mail.Header
	Body   string // decoded from its transfer encoding
	Raw    []byte
	TLS    bool   // the session was encrypted
	User   string // the AUTH user, "" without AUTH
}

// Subject returns the decoded Subject header.
func (r Received) Subject(t testing.TB) string {
	t.Helper()
	s, err := new(mime.WordDecoder).DecodeHeader(r.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode subject %q: %v", r.Header.Get("Subject"), err)
	}
	return s
}

// Addresses returns the decoded addresses of an address header.
func (r Received) Addresses(t testing.TB, key string) []*mail.Address {
	t.Helper()
	if r.Header.Get(key) == "" {
		return nil
	}
	list, err := r.Header.AddressList(key)
	if err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return list
}

// Server is a running test SMTP server.
type Server struct {
	Host string
	Port int
	CA   *x509.CertPool // trusts the server's certificate, when it has one

	srv  *smtp.Server
	user string
	pass string

	mu   sync.Mutex
	msgs []Received
}

// Option sets up a Server before it starts.
type Option func(*Server, *smtp.Server)

// WithTLS gives the server a self-signed certificate for 127.0.0.1 and
// offers STARTTLS.
func WithTLS(t testing.TB) Option {
	return func(s *Server, srv *smtp.Server) {
		cert, pool := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.CA = pool
	}
}

// WithAuth requires AUTH PLAIN with these credentials before MAIL.
func WithAuth(user, pass string) Option {
	return func(s *Server, _ *smtp.Server) { s.user, s.pass = user, pass }
}

// Start starts a server on 127.0.0.1:0, closed when the test ends.
// With implicit, the listener speaks TLS from the first byte (port 465
// style); it needs WithTLS.
func Start(t testing.TB, implicit bool, opts ...Option) *Server {
	t.Helper()
	s := &Server{}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{srv: s, tls: isTLS, conn: c}, nil
	}))
	s.srv.Domain = "mail.test"
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	for _, o := range opts {
		o(s, s.srv)
	}
	var ln net.Listener
	var err error
	if implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", s.srv.TLSConfig)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// Messages returns a copy of what the server has accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

// session is one SMTP conversation.
type session struct {
	srv   *Server
	conn  *smtp.Conn
	tls   bool
	user  string
	from  string
	rcpts []string
}

func (s *session) AuthMechanisms() []string {
	if s.srv.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.user || pass != s.srv.pass {
			return smtp.ErrAuthFailed
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.user != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.rcpts = append(s.rcpts, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	var body io.Reader = m.Body
	if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(m.Body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	s.srv.msgs = append(s.srv.msgs, Received{From: s.from, Rcpts: s.rcpts, Header: m.Header,
		Body: string(b), Raw: raw, TLS: isTLS || s.tls, User: s.user})
	s.srv.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.rcpts = "", nil }
func (s *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mail.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

// ClosedPort returns a local port nothing listens on: an SMTP server that is down.
func ClosedPort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}
