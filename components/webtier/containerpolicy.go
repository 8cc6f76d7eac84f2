package webtier

import (
	"strings"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

// ecrPullActions are what pulling an image needs on its repository (ECR user guide, "Private
// repository policy examples": pulling needs ecr:BatchGetImage and ecr:GetDownloadUrlForLayer).
var ecrPullActions = []string{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}

// ContainerPolicy is what the instance role needs to run an image: write the container's output
// to exactly logGroupArn (the Docker awslogs driver calls logs:CreateLogStream and
// logs:PutLogEvents; Service Authorization Reference for CloudWatch Logs: CreateLogStream is
// authorised on the log group, PutLogEvents on its log streams) and, when the image is in ECR,
// pull from exactly its repository. ecr:GetAuthorizationToken has no resource-level permission
// (Service Authorization Reference for Amazon ECR: no resource type), so it is granted on "*";
// it only issues a registry login, which the repository permissions then scope. repo is nil
// for an image outside ECR. Never ecr:* and never another repository.
func ContainerPolicy(logGroupArn string, repo *ECRRepository) iampolicy.Document {
	group := strings.TrimSuffix(logGroupArn, ":*")
	statements := []iampolicy.Statement{
		iampolicy.Allow("AppLogs", []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			[]string{group, group + ":log-stream:*"}),
	}
	if repo != nil {
		statements = append(statements,
			iampolicy.Allow("PullImage", ecrPullActions, repo.ARN()),
			iampolicy.Allow("RegistryLogin", "ecr:GetAuthorizationToken", "*"))
	}
	return iampolicy.New(statements...)
}
