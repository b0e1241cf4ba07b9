package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"time"
)

// tlsFlags holds serve's --tls-cert and --tls-key.
type tlsFlags struct{ cert, key *string }

func newTLSFlags(fs interface {
	String(name, value, usage string) *string
}) tlsFlags {
	return tlsFlags{
		cert: fs.String("tls-cert", envOr("TIENDO_TLS_CERT", ""), "serve HTTPS with this certificate (PEM, with its chain; env TIENDO_TLS_CERT)"),
		key:  fs.String("tls-key", envOr("TIENDO_TLS_KEY", ""), "the certificate's private key (PEM; env TIENDO_TLS_KEY)"),
	}
}

// config loads the certificate at startup, so that a wrong path or a key
// that does not match fails now, not at the first visitor. nil without TLS.
func (f tlsFlags) config() (*tls.Config, error) {
	switch {
	case *f.cert == "" && *f.key == "":
		return nil, nil
	case *f.cert == "" || *f.key == "":
		return nil, errors.New("--tls-cert and --tls-key go together: give both, or neither to serve plain HTTP behind a TLS proxy")
	}
	pair, err := tls.LoadX509KeyPair(*f.cert, *f.key)
	if err != nil {
		return nil, fmt.Errorf("--tls-cert/--tls-key: %w", err)
	}
	if leaf := pair.Leaf; leaf != nil && time.Now().After(leaf.NotAfter) {
		return nil, fmt.Errorf("--tls-cert: the certificate expired on %s", leaf.NotAfter.Format("02/01/2006"))
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS12,
		Certificates: []tls.Certificate{pair},
	}, nil
}
