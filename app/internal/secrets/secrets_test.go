package secrets

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type fakeAPI struct {
	value string
	err   error
	calls int
}

func (f *fakeAPI) GetSecretValue(_ context.Context, in *secretsmanager.GetSecretValueInput, _ ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error) {
	f.calls++
	if f.err != nil {
		return nil, f.err
	}
	return &secretsmanager.GetSecretValueOutput{SecretString: aws.String(f.value)}, nil
}

func TestJSONCachesThenRefetches(t *testing.T) {
	api := &fakeAPI{value: `{"username":"admin","password":"p1"}`}
	now := time.Unix(1000, 0)
	s := NewJSON(api, "arn:aws:secretsmanager:eu-west-1:1:secret:db")
	s.now = func() time.Time { return now }
	ctx := context.Background()

	pw, err := s.String(ctx, "password")
	require.NoError(t, err)
	assert.Equal(t, "p1", pw)
	_, _ = s.String(ctx, "username")
	assert.Equal(t, 1, api.calls, "a second field within MaxAge costs no call")

	api.value = `{"username":"admin","password":"p2"}` // rotated
	now = now.Add(DefaultMaxAge)
	pw, _ = s.String(ctx, "password")
	assert.Equal(t, "p2", pw)
	assert.Equal(t, 2, api.calls)

	api.value = `{"username":"admin","password":"p3"}`
	s.Invalidate()
	pw, _ = s.String(ctx, "password")
	assert.Equal(t, "p3", pw)
}

func TestJSONErrorsNeverQuoteTheSecret(t *testing.T) {
	ctx := context.Background()
	s := NewJSON(&fakeAPI{value: `not json hunter2`}, "arn:x")
	_, err := s.String(ctx, "password")
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "hunter2")

	s = NewJSON(&fakeAPI{value: `{"token":"hunter2"}`}, "arn:x")
	_, err = s.String(ctx, "password")
	assert.EqualError(t, err, `secret arn:x has no string field "password"`)

	s = NewJSON(&fakeAPI{err: errors.New("AccessDeniedException")}, "arn:x")
	_, err = s.String(ctx, "token")
	assert.ErrorContains(t, err, "read secret arn:x with the instance role: AccessDeniedException")
}
