package database

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
)

// RDSCABundlePath is where the image keeps the RDS CA bundle (the Dockerfile downloads it from
// https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem; cmd/imagebuild takes the
// file with --rds-ca). RDS server certificates chain to these private roots, not to public ones
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html).
const RDSCABundlePath = "/etc/ssl/certs/rds-global-bundle.pem"

// LoadCABundle reads a PEM bundle of CA certificates.
func LoadCABundle(path string) (*x509.CertPool, error) {
	pemBytes, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("RDS CA bundle: %w; the image must contain it (Dockerfile, or imagebuild --rds-ca global-bundle.pem from https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem)", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		return nil, fmt.Errorf("RDS CA bundle %s holds no PEM certificate: download it again from https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem", path)
	}
	return pool, nil
}

// clientTLS verifies the server's certificate against roots and its name against host
// (verify-full): the endpoint name, never an IP address.
func clientTLS(roots *x509.CertPool, host string) *tls.Config {
	return &tls.Config{RootCAs: roots, ServerName: host, MinVersion: tls.VersionTLS12}
}
