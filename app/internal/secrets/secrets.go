// Package secrets reads JSON secrets from AWS Secrets Manager with the instance role and keeps
// them for a while, so that a rotated secret is picked up without a restart and a page view
// costs no API call.
package secrets

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// API is the one Secrets Manager call used; *secretsmanager.Client implements it.
type API interface {
	GetSecretValue(ctx context.Context, in *secretsmanager.GetSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
}

// DefaultMaxAge is how long a fetched secret is used before it is fetched again: short enough to
// follow a rotation (RDS rotates managed master passwords, ElastiCache keeps the old AUTH token
// valid during a ROTATE update) within minutes.
const DefaultMaxAge = 5 * time.Minute

// JSON is one secret holding a JSON object, fetched on first use and again after MaxAge.
type JSON struct {
	api    API
	arn    string
	maxAge time.Duration
	now    func() time.Time

	mu      sync.Mutex
	fields  map[string]any
	fetched time.Time
}

// NewJSON returns the secret arn read through api.
func NewJSON(api API, arn string) *JSON {
	return &JSON{api: api, arn: arn, maxAge: DefaultMaxAge, now: time.Now}
}

// String returns the string field name of the secret. Errors name the secret's ARN, never its
// value.
func (s *JSON) String(ctx context.Context, name string) (string, error) {
	fields, err := s.get(ctx)
	if err != nil {
		return "", err
	}
	v, ok := fields[name].(string)
	if !ok || v == "" {
		return "", fmt.Errorf("secret %s has no string field %q", s.arn, name)
	}
	return v, nil
}

// Invalidate forgets the cached value, e.g. after the server refused the password it held.
func (s *JSON) Invalidate() {
	s.mu.Lock()
	s.fields = nil
	s.mu.Unlock()
}

func (s *JSON) get(ctx context.Context) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fields != nil && s.now().Sub(s.fetched) < s.maxAge {
		return s.fields, nil
	}
	out, err := s.api.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(s.arn)})
	if err != nil {
		return nil, fmt.Errorf("read secret %s with the instance role: %w", s.arn, err)
	}
	var fields map[string]any
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &fields); err != nil {
		// Never wrap the JSON error: its text may quote the secret.
		return nil, fmt.Errorf("secret %s is not a JSON object", s.arn)
	}
	s.fields, s.fetched = fields, s.now()
	return fields, nil
}
