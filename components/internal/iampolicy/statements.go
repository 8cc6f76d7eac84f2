package iampolicy

// Allow is an identity-policy statement (no Principal) allowing actions on resources; each is
// one string or a list.
func Allow(sid string, actions, resources any) Statement {
	return Statement{Sid: sid, Effect: "Allow", Action: actions, Resource: resources}
}

// AssumeRole is a role's trust policy: service (such as "ec2.amazonaws.com") may assume the role.
func AssumeRole(service string) Document {
	return New(Statement{
		Effect:    "Allow",
		Principal: map[string]string{"Service": service},
		Action:    "sts:AssumeRole",
	})
}

// ServiceObjectAccess is a bucket-policy statement letting an AWS service principal (such as
// "cloudfront.amazonaws.com") perform action on every object of the bucket, only under condition:
// a service principal acts for every account, so the condition (AWS:SourceArn and the like) pins
// it to the caller's resource (IAM User Guide, "The confused deputy problem").
func ServiceObjectAccess(sid, service, action, bucketArn string, condition map[string]map[string]string) Statement {
	return Statement{
		Sid:       sid,
		Effect:    "Allow",
		Principal: map[string]string{"Service": service},
		Action:    action,
		Resource:  bucketArn + "/*",
		Condition: condition,
	}
}

// secretReadActions are what reading a Secrets Manager secret's value takes: the value, and its
// metadata (SDKs and the CLI describe a secret before they fetch it).
var secretReadActions = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}

// ReadSecrets allows reading the values of the secrets whose ARNs are given, nothing else.
func ReadSecrets(sid string, secretArns ...string) Statement {
	return Allow(sid, append([]string(nil), secretReadActions...), secretArns)
}
