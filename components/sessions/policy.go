package sessions

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// itemActions are the only DynamoDB actions the access policy allows, on the table's ARN alone.
// A session store reads, writes, refreshes and deletes one session by its ID, and may guard a
// write with a condition (ConditionCheckItem, for TransactWriteItems). It needs no Query (a table
// keyed by ID alone gives Query nothing GetItem lacks, and the table has no index), no Scan (reads
// every user's session), no BatchWriteItem (mass deletes) or BatchGetItem (no request reads many
// sessions), and no table-level actions (DescribeTable, CreateTable): the table is managed here.
var itemActions = []string{
	"dynamodb:ConditionCheckItem",
	"dynamodb:DeleteItem",
	"dynamodb:GetItem",
	"dynamodb:PutItem",
	"dynamodb:UpdateItem",
}

// keyActions are the KMS actions allowed on a customer managed table key, and only when DynamoDB
// calls KMS for the caller (kms:ViaService): DynamoDB decrypts the table key with the caller's
// credentials, so a role that reads a CMK-encrypted table needs them (DynamoDB Developer Guide,
// "Key policy for a customer managed key"). The AWS-managed key's own policy already allows this.
var keyActions = []string{
	"kms:Decrypt",
	"kms:DescribeKey",
	"kms:Encrypt",
	"kms:GenerateDataKey",
}

// policyJSON builds the access policy document for a table ARN and an optional customer managed
// key ARN ("" for the AWS-managed key). It is pure, so it is tested without Pulumi.
func policyJSON(tableArn, kmsKeyArn string) (string, error) {
	if tableArn == "" || tableArn == "*" {
		return "", errors.New("session table policy: the table ARN must be a single table's ARN")
	}
	doc := iampolicy.New(iampolicy.Allow("SessionItems", itemActions, []string{tableArn}))
	if kmsKeyArn != "" {
		key := iampolicy.Allow("SessionTableKey", keyActions, []string{kmsKeyArn})
		key.Condition = map[string]map[string]string{"StringLike": {"kms:ViaService": "dynamodb.*.amazonaws.com"}}
		doc.Statement = append(doc.Statement, key)
	}
	return doc.JSON()
}

// PolicyDocument returns the least-privilege access policy document (JSON) for a session table:
// dynamodb:GetItem, PutItem, UpdateItem, DeleteItem and ConditionCheckItem on tableArn only, plus
// kms:Decrypt, DescribeKey, Encrypt and GenerateDataKey through DynamoDB on kmsKeyArn when the
// table uses a customer managed key (pass nil for the AWS-managed key). It is for callers who attach the policy themselves, for
// example inline on a role in another stack; SessionTable.PolicyDocument is the same document for
// a component's own table.
func PolicyDocument(tableArn, kmsKeyArn pulumi.StringInput) pulumi.StringOutput {
	if kmsKeyArn == nil {
		kmsKeyArn = pulumi.String("")
	}
	return pulumi.All(tableArn, kmsKeyArn).ApplyT(func(v []any) (string, error) {
		return policyJSON(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
}
