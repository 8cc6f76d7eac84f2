package database

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/rds/auth"
)

// Credentials gives the user and password for a new connection to host:port. It is asked once
// per new connection, never per query.
type Credentials interface {
	Credentials(ctx context.Context, host string, port int) (user, password string, err error)
}

// TokenLifetime is how long RDS accepts an IAM auth token; TokenRefresh is the age at which a
// new one is signed, leaving five minutes for clock skew and slow connects. Tokens are checked
// only at sign-in, so an open connection outlives its token.
// (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.Connecting.html:
// "valid for 15 minutes").
const (
	TokenLifetime = 15 * time.Minute
	TokenRefresh  = 10 * time.Minute
)

// IAMTokens signs RDS IAM auth tokens for User with the instance role's credentials, one per
// endpoint, reused until TokenRefresh: reusing a token also keeps new connections under IAM
// authentication's per-second connection limit.
type IAMTokens struct {
	User   string
	Region string
	Creds  aws.CredentialsProvider

	now  func() time.Time
	sign func(ctx context.Context, endpoint, region, user string, creds aws.CredentialsProvider) (string, error)

	mu     sync.Mutex
	tokens map[string]token
}

type token struct {
	value  string
	signed time.Time
}

// NewIAMTokens returns a token source for user in region.
func NewIAMTokens(user, region string, creds aws.CredentialsProvider) *IAMTokens {
	return &IAMTokens{User: user, Region: region, Creds: creds, now: time.Now, sign: sign, tokens: map[string]token{}}
}

func sign(ctx context.Context, endpoint, region, user string, creds aws.CredentialsProvider) (string, error) {
	return auth.BuildAuthToken(ctx, endpoint, region, user, creds)
}

// Credentials implements Credentials.
func (s *IAMTokens) Credentials(ctx context.Context, host string, port int) (string, string, error) {
	endpoint := net.JoinHostPort(host, strconv.Itoa(port))
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.tokens[endpoint]; ok && s.now().Sub(t.signed) < TokenRefresh {
		return s.User, t.value, nil
	}
	v, err := s.sign(ctx, endpoint, s.Region, s.User, s.Creds)
	if err != nil {
		return "", "", fmt.Errorf("sign an IAM auth token for %s as %s: %w", endpoint, s.User, err)
	}
	s.tokens[endpoint] = token{value: v, signed: s.now()}
	return s.User, v, nil
}

// SecretString is a field of a JSON secret (the master secret: "username", "password").
type SecretString interface {
	String(ctx context.Context, field string) (string, error)
}

// MasterSecret signs in with the master credentials of DB_SECRET_ARN, for DB_IAM_AUTH=false.
type MasterSecret struct{ Secret SecretString }

// Credentials implements Credentials.
func (m MasterSecret) Credentials(ctx context.Context, _ string, _ int) (string, string, error) {
	user, err := m.Secret.String(ctx, "username")
	if err != nil {
		return "", "", err
	}
	pw, err := m.Secret.String(ctx, "password")
	return user, pw, err
}

// Static is a fixed user and password (tests, local development).
type Static struct{ User, Password string }

// Credentials implements Credentials.
func (s Static) Credentials(context.Context, string, int) (string, string, error) {
	return s.User, s.Password, nil
}
