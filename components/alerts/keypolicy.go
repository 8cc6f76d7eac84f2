package alerts

import "github.com/tenkstack/tenk/components/internal/iampolicy"

// Publishers are the service principals that may use the topic's key to publish: CloudWatch
// alarms, the only publisher tenk wires to the topic.
var Publishers = []string{"cloudwatch.amazonaws.com"}

// KeyPolicy is the policy of the topic's KMS key in account (of partition "aws", "aws-cn", …):
// the account administers the key through IAM (the KMS default key policy, so the key can never
// become unmanageable), and each of Publishers may generate data keys and decrypt with it, only
// on behalf of resources in the same account.
func KeyPolicy(partition, account string) iampolicy.Document {
	return iampolicy.New(
		iampolicy.Statement{
			// KMS Developer Guide, "Default key policy": allows the account root, which enables
			// IAM policies to grant access to the key.
			Sid:       "AccountAdministersKey",
			Effect:    "Allow",
			Principal: map[string]string{"AWS": "arn:" + partition + ":iam::" + account + ":root"},
			Action:    "kms:*",
			Resource:  "*",
		},
		iampolicy.Statement{
			// SNS Developer Guide, "Key management" > "Enable compatibility between event sources
			// from AWS services and encrypted topics": the publishing service needs
			// kms:GenerateDataKey* and kms:Decrypt in the key policy of a customer-managed key;
			// aws:SourceAccount keeps other accounts' alarms from using it (confused deputy).
			Sid:       "PublishersEncryptMessages",
			Effect:    "Allow",
			Principal: map[string]any{"Service": publishers()},
			Action:    []string{"kms:Decrypt", "kms:GenerateDataKey*"},
			Resource:  "*",
			Condition: map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}},
		},
	)
}

// publishers is one principal as a string, several as a list (IAM accepts both).
func publishers() any {
	if len(Publishers) == 1 {
		return Publishers[0]
	}
	return Publishers
}
