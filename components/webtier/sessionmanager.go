package webtier

import "github.com/tenkstack/tenk/components/internal/iampolicy"

// SessionManagerActions are what the SSM Agent on an instance needs for Session Manager (no SSH
// keys, no port 22) and Run Command, and nothing else: registering the instance
// (ssm:UpdateInstanceInformation), Session Manager's channels (ssmmessages:*; Session Manager
// user guide, "Create a custom IAM instance profile for Session Manager") and Run Command's
// message delivery (ec2messages:*; the same actions in AmazonSSMManagedInstanceCore). None of
// them supports resource-level permissions, so they are granted on "*". Unlike
// AmazonSSMManagedInstanceCore, no ssm:GetParameter(s) on "*": that would let every instance read
// every parameter in the account (AWS Managed Policy Reference, AmazonSSMManagedInstanceCore).
var SessionManagerActions = []string{
	"ssm:UpdateInstanceInformation",
	"ssmmessages:CreateControlChannel",
	"ssmmessages:CreateDataChannel",
	"ssmmessages:OpenControlChannel",
	"ssmmessages:OpenDataChannel",
	"ec2messages:AcknowledgeMessage",
	"ec2messages:DeleteMessage",
	"ec2messages:FailMessage",
	"ec2messages:GetEndpoint",
	"ec2messages:GetMessages",
	"ec2messages:SendReply",
}

// SessionManagerPolicy is the instance role's inline policy: SessionManagerActions on "*".
func SessionManagerPolicy() PolicyDocument {
	return iampolicy.New(PolicyStatement{
		Sid:      "SessionManager",
		Effect:   "Allow",
		Action:   SessionManagerActions,
		Resource: "*",
	})
}
