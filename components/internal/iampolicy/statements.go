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

// secretReadActions are what reading a Secrets Manager secret's value takes: the value, and its
// metadata (SDKs and the CLI describe a secret before they fetch it).
var secretReadActions = []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}

// ReadSecrets allows reading the values of the secrets whose ARNs are given, nothing else.
func ReadSecrets(sid string, secretArns ...string) Statement {
	return Allow(sid, append([]string(nil), secretReadActions...), secretArns)
}
