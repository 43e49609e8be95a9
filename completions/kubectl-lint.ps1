
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'kubectl-lint' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'kubectl-lint'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'kubectl-lint' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Also check each file as an update of its version at this git revision (`HEAD`, `origin/main`); files that did not exist then are new objects')
            [CompletionResult]::new('--crd', '--crd', [CompletionResultType]::ParameterName, 'CustomResourceDefinitions to check custom resources against (file or directory, repeatable); CRDs among the inputs are used too')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace the manifests are applied to, as with `kubectl apply -n`')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace the manifests are applied to, as with `kubectl apply -n`')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest level that makes the exit code 1')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE, CATEGORY or `all` as warnings (applied left to right with --deny/--allow)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE, CATEGORY or `all` as errors')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Turn RULE, CATEGORY or `all` off')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file read, in bytes')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest YAML nesting accepted')
            [CompletionResult]::new('--max-alias-expansion', '--max-alias-expansion', [CompletionResultType]::ParameterName, 'Most nodes that YAML aliases may add to one file (over all its documents; a scalar counts one more per 64 bytes of its text)')
            [CompletionResult]::new('--max-nodes', '--max-nodes', [CompletionResultType]::ParameterName, 'Most YAML nodes in one file')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'The nodes: a NodeList as `kubectl get nodes -o yaml` prints it')
            [CompletionResult]::new('--pods', '--pods', [CompletionResultType]::ParameterName, 'Pods already bound to the nodes: a PodList as `kubectl get pods -A -o yaml` prints it')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A cluster profile instead of --nodes: node pools with count, allocatable, labels, taints and zones (see `kubectl lint schedule --help`)')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the nodes and pods from the cluster (--context, --kubeconfig; GET/LIST only)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'kubectl''s plugin completion: candidates for the last word, in Cobra''s format')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, category, default level, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print a rule''s documentation')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Check NEW as an update of OLD: what the API server refuses when an object changes (objects paired by group, kind, namespace and name), plus everything `kubectl lint` checks')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'For each pod spec: effective probes, start order, earliest Ready, probe deadlines, termination timeline and phases, as the kubelet would run it')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Will it schedule? For each pod template, kube-scheduler''s verdict on the given nodes: feasible nodes, each other node''s first failing filter, the FailedScheduling message, replica-by-replica placement, a DaemonSet''s pod per node, the kubelet''s verdict for a pod that names its node')
            [CompletionResult]::new('defaults', 'defaults', [CompletionResultType]::ParameterValue, 'Print each object as the API server would store it after defaulting for the target version (Secret values masked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-lint;completions' {
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;__complete' {
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;rules' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;explain' {
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;diff' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--base', '--base', [CompletionResultType]::ParameterName, 'Also check each file as an update of its version at this git revision (`HEAD`, `origin/main`); files that did not exist then are new objects')
            [CompletionResult]::new('--crd', '--crd', [CompletionResultType]::ParameterName, 'CustomResourceDefinitions to check custom resources against (file or directory, repeatable); CRDs among the inputs are used too')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace the manifests are applied to, as with `kubectl apply -n`')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace the manifests are applied to, as with `kubectl apply -n`')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest level that makes the exit code 1')
            [CompletionResult]::new('--warn', '--warn', [CompletionResultType]::ParameterName, 'Report RULE, CATEGORY or `all` as warnings (applied left to right with --deny/--allow)')
            [CompletionResult]::new('--deny', '--deny', [CompletionResultType]::ParameterName, 'Report RULE, CATEGORY or `all` as errors')
            [CompletionResult]::new('--allow', '--allow', [CompletionResultType]::ParameterName, 'Turn RULE, CATEGORY or `all` off')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file read, in bytes')
            [CompletionResult]::new('--max-depth', '--max-depth', [CompletionResultType]::ParameterName, 'Deepest YAML nesting accepted')
            [CompletionResult]::new('--max-alias-expansion', '--max-alias-expansion', [CompletionResultType]::ParameterName, 'Most nodes that YAML aliases may add to one file (over all its documents; a scalar counts one more per 64 bytes of its text)')
            [CompletionResult]::new('--max-nodes', '--max-nodes', [CompletionResultType]::ParameterName, 'Most YAML nodes in one file')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Compare with the live objects of the cluster (GET only; nothing is written)')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;timeline' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;schedule' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--nodes', '--nodes', [CompletionResultType]::ParameterName, 'The nodes: a NodeList as `kubectl get nodes -o yaml` prints it')
            [CompletionResult]::new('--pods', '--pods', [CompletionResultType]::ParameterName, 'Pods already bound to the nodes: a PodList as `kubectl get pods -A -o yaml` prints it')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A cluster profile instead of --nodes: node pools with count, allocatable, labels, taints and zones (see `kubectl lint schedule --help`)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'The namespace of objects that name none, as with `kubectl apply -n`')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'The namespace of objects that name none, as with `kubectl apply -n`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Read the nodes and pods from the cluster (--context, --kubeconfig; GET/LIST only)')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'kubectl-lint;defaults' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'File or directory to lint; repeatable, comma-separated, `-` for standard input')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)')
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'Directory of declarative rules of your own (repeatable)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The kubeconfig context to use with `--live`')
            [CompletionResult]::new('-R', '-R ', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--recursive', '--recursive', [CompletionResultType]::ParameterName, 'Descend into subdirectories of directories given')
            [CompletionResult]::new('--no-config', '--no-config', [CompletionResultType]::ParameterName, 'Ignore any configuration file')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'kubectl-lint;help' {
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('__complete', '__complete', [CompletionResultType]::ParameterValue, 'kubectl''s plugin completion: candidates for the last word, in Cobra''s format')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List every rule: id, category, default level, summary')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Print a rule''s documentation')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Check NEW as an update of OLD: what the API server refuses when an object changes (objects paired by group, kind, namespace and name), plus everything `kubectl lint` checks')
            [CompletionResult]::new('timeline', 'timeline', [CompletionResultType]::ParameterValue, 'For each pod spec: effective probes, start order, earliest Ready, probe deadlines, termination timeline and phases, as the kubelet would run it')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Will it schedule? For each pod template, kube-scheduler''s verdict on the given nodes: feasible nodes, each other node''s first failing filter, the FailedScheduling message, replica-by-replica placement, a DaemonSet''s pod per node, the kubelet''s verdict for a pod that names its node')
            [CompletionResult]::new('defaults', 'defaults', [CompletionResultType]::ParameterValue, 'Print each object as the API server would store it after defaulting for the target version (Secret values masked)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'kubectl-lint;help;completions' {
            break
        }
        'kubectl-lint;help;__complete' {
            break
        }
        'kubectl-lint;help;rules' {
            break
        }
        'kubectl-lint;help;explain' {
            break
        }
        'kubectl-lint;help;diff' {
            break
        }
        'kubectl-lint;help;timeline' {
            break
        }
        'kubectl-lint;help;schedule' {
            break
        }
        'kubectl-lint;help;defaults' {
            break
        }
        'kubectl-lint;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
