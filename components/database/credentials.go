package database

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// PasswordSpecials are the special characters a generated master password may hold. RDS
// CreateDBInstance MasterUserPassword: "Can't contain '/', '\"', '@' or a space"; quotes and
// backslashes are left out too so the password survives shells and connection strings.
const PasswordSpecials = "!#$%&*()-_=+[]{}<>:?"

// passwordLength fits every engine: MySQL master passwords are at most 41 characters.
const passwordLength = 32

// credentials decides how the master password is kept. Without RDS read replicas RDS manages it in
// Secrets Manager; RDS user guide, "Password management with Amazon RDS and AWS Secrets Manager",
// Limitations: a managed master password is not supported with read replicas, so with replicas the
// component generates one and stores it in a secret of its own. Aurora readers are not read
// replicas (they share the cluster's storage), so Aurora always uses the managed secret.
type credentials struct {
	// password is nil when RDS manages the password.
	password *random.RandomPassword
}

func (s *shared) credentials(ctx *pulumi.Context) (*credentials, error) {
	if s.spec.Aurora || s.args.ReadReplicas == 0 {
		return &credentials{}, nil
	}
	pw, err := random.NewRandomPassword(ctx, s.name+"-master-password", &random.RandomPasswordArgs{
		Length:          pulumi.Int(passwordLength),
		Special:         pulumi.Bool(true),
		OverrideSpecial: pulumi.String(PasswordSpecials),
		MinLower:        pulumi.Int(1),
		MinUpper:        pulumi.Int(1),
		MinNumeric:      pulumi.Int(1),
	}, s.parent)
	if err != nil {
		return nil, err
	}
	return &credentials{password: pw}, nil
}

// apply sets either the managed password or the generated one, never both (CreateDBInstance:
// MasterUserPassword and ManageMasterUserPassword are mutually exclusive).
func (c *credentials) apply(args *rds.InstanceArgs) {
	if c.password == nil {
		args.ManageMasterUserPassword = pulumi.Bool(true)
		return
	}
	args.Password = c.password.Result
}

// secretDocument is the JSON the generated secret holds: what an application needs to connect.
type secretDocument struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	DBName   string `json:"dbname"`
	Engine   string `json:"engine"`
}

// secretArn returns the managed secret's ARN, or creates the component's own secret (and its
// version) and returns that ARN.
func (c *credentials) secretArn(ctx *pulumi.Context, s *shared, managed pulumi.StringOutput, host pulumi.StringOutput, port pulumi.IntOutput) (pulumi.StringOutput, error) {
	if c.password == nil {
		return managed, nil
	}
	secret, err := secretsmanager.NewSecret(ctx, s.name+"-credentials", &secretsmanager.SecretArgs{
		Description: pulumi.String("Master credentials of tenk database " + s.name),
		Tags:        s.tags,
	}, s.parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	a := s.args
	doc := pulumi.All(c.password.Result, host, port).ApplyT(func(v []any) secretDocument {
		return secretDocument{
			Username: a.Username,
			Password: v[0].(string),
			Host:     v[1].(string),
			Port:     v[2].(int),
			DBName:   a.DatabaseName,
			Engine:   string(a.Engine),
		}
	})
	if _, err := secretsmanager.NewSecretVersion(ctx, s.name+"-credentials-version", &secretsmanager.SecretVersionArgs{
		SecretId:     secret.ID(),
		SecretString: pulumi.ToSecret(pulumi.JSONMarshal(doc)).(pulumi.StringOutput),
	}, s.parent); err != nil {
		return pulumi.StringOutput{}, err
	}
	return secret.Arn, nil
}

// SecretReadPolicy returns an IAM policy document (JSON) that lets a role read the database's
// credentials: secretsmanager:GetSecretValue and DescribeSecret on that one secret. Both secrets
// (RDS-managed or generated) use the AWS managed key aws/secretsmanager, so no kms:Decrypt grant
// is needed. Attach it to the application's role in your own scope (iam.RolePolicy).
func (d *RdsWithReplicas) SecretReadPolicy() pulumi.StringOutput {
	return iampolicy.SecretReadPolicy("ReadDatabaseCredentials", d.SecretArn)
}
