package iampolicy

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// SecretReadPolicy renders, once the ARNs are known, a document allowing only reading the
// values of the given secrets (ReadSecrets), in one statement named sid: what the data tiers
// return as their secret grants.
func SecretReadPolicy(sid string, secretArns ...pulumi.StringInput) pulumi.StringOutput {
	return pulumi.StringArray(secretArns).ToStringArrayOutput().ApplyT(func(arns []string) (string, error) {
		return New(ReadSecrets(sid, arns...)).JSON()
	}).(pulumi.StringOutput)
}
