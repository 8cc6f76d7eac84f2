package database

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIAMTokensAreReusedThenRefreshedBeforeExpiry(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	signed := 0
	s := NewIAMTokens("tenk_app", "eu-west-1", nil)
	s.now = func() time.Time { return now }
	s.sign = func(_ context.Context, endpoint, region, user string, _ aws.CredentialsProvider) (string, error) {
		signed++
		return endpoint + "/" + user + "/" + now.Format(time.RFC3339), nil
	}
	ctx := context.Background()

	user, first, err := s.Credentials(ctx, "db.example", 5432)
	require.NoError(t, err)
	assert.Equal(t, "tenk_app", user)
	now = now.Add(TokenRefresh - time.Second)
	_, again, _ := s.Credentials(ctx, "db.example", 5432)
	assert.Equal(t, first, again, "a token younger than TokenRefresh is reused")
	assert.Equal(t, 1, signed)

	_, other, _ := s.Credentials(ctx, "replica.example", 5432)
	assert.NotEqual(t, first, other, "each endpoint has its own token: the host is signed into it")

	now = now.Add(time.Second)
	_, fresh, _ := s.Credentials(ctx, "db.example", 5432)
	assert.NotEqual(t, first, fresh, "a token TokenRefresh old is replaced")
	assert.Less(t, TokenRefresh, TokenLifetime, "refreshed before RDS stops accepting it")
}

// The real signer, offline: a presigned connect request for the user and endpoint, valid for
// the 15 minutes RDS accepts.
func TestIAMTokenIsAPresignedConnectRequest(t *testing.T) {
	creds := credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "session")
	s := NewIAMTokens("tenk_app", "eu-west-1", creds)
	_, tok, err := s.Credentials(context.Background(), "tenk-db.abc.eu-west-1.rds.amazonaws.com", 5432)
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(tok, "tenk-db.abc.eu-west-1.rds.amazonaws.com:5432?"), tok)
	q, err := url.ParseQuery(tok[strings.Index(tok, "?")+1:])
	require.NoError(t, err)
	assert.Equal(t, "connect", q.Get("Action"))
	assert.Equal(t, "tenk_app", q.Get("DBUser"))
	assert.Equal(t, "900", q.Get("X-Amz-Expires"))
	assert.Contains(t, q.Get("X-Amz-Credential"), "/eu-west-1/rds-db/aws4_request")
	assert.NotEmpty(t, q.Get("X-Amz-Signature"))
}

type fakeSecret map[string]string

func (f fakeSecret) String(_ context.Context, k string) (string, error) { return f[k], nil }

func TestMasterSecretCredentials(t *testing.T) {
	u, p, err := MasterSecret{fakeSecret{"username": "admin", "password": "pw"}}.Credentials(context.Background(), "h", 1)
	require.NoError(t, err)
	assert.Equal(t, []string{"admin", "pw"}, []string{u, p})
}
