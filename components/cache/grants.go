package cache

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// SecretReadPolicy returns an IAM policy document (JSON) that lets a role read the AUTH secret
// (AuthSecretArn): secretsmanager:GetSecretValue and DescribeSecret on that one secret, which
// uses the AWS managed key aws/secretsmanager, so no kms:Decrypt grant is needed. Attach it to
// the application's role in your own scope (iam.RolePolicy). Memcached has no AUTH, hence no
// secret: it returns an error then.
func (c *CacheCluster) SecretReadPolicy() (pulumi.StringOutput, error) {
	if c.Engine == EngineMemcached {
		return pulumi.StringOutput{}, fmt.Errorf("SecretReadPolicy: %s has no AUTH token and no secret to read", c.Engine)
	}
	return iampolicy.SecretReadPolicy("ReadCacheAuthToken", c.AuthSecretArn), nil
}
