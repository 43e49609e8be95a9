# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_lint_global_optspecs
    string join \n f/filename= R/recursive o/output= base= crd= n/namespace= fail-on= warn= deny= allow= max-file-size= max-depth= max-alias-expansion= max-nodes= nodes= pods= cluster= live kubernetes-version= config= no-config rules= color= kubeconfig= context= h/help V/version
end

function __fish_kubectl_lint_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_lint_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_lint_using_subcommand
    set -l cmd (__fish_kubectl_lint_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s f -l filename -d 'File or directory to lint; repeatable, comma-separated, `-` for standard input' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s o -l output -d 'Output format' -r -f -a "human\t''
short\t''
json\t''
sarif\t''
github\t''
junit\t''
gitlab\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l base -d 'Also check each file as an update of its version at this git revision (`HEAD`, `origin/main`); files that did not exist then are new objects' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l crd -d 'CustomResourceDefinitions to check custom resources against (file or directory, repeatable); CRDs among the inputs are used too' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s n -l namespace -d 'The namespace the manifests are applied to, as with `kubectl apply -n`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l fail-on -d 'Lowest level that makes the exit code 1' -r -f -a "error\t''
warning\t''
info\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l warn -d 'Report RULE, CATEGORY or `all` as warnings (applied left to right with --deny/--allow)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l deny -d 'Report RULE, CATEGORY or `all` as errors' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l allow -d 'Turn RULE, CATEGORY or `all` off' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l max-file-size -d 'Largest file read, in bytes' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l max-depth -d 'Deepest YAML nesting accepted' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l max-alias-expansion -d 'Most nodes that YAML aliases may add to one file (over all its documents; a scalar counts one more per 64 bytes of its text)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l max-nodes -d 'Most YAML nodes in one file' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l nodes -d 'The nodes: a NodeList as `kubectl get nodes -o yaml` prints it' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l pods -d 'Pods already bound to the nodes: a PodList as `kubectl get pods -A -o yaml` prints it' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l cluster -d 'A cluster profile instead of --nodes: node pools with count, allocatable, labels, taints and zones (see `kubectl lint schedule --help`)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s R -l recursive -d 'Descend into subdirectories of directories given'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l live -d 'Read the nodes and pods from the cluster (--context, --kubeconfig; GET/LIST only)'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "__complete" -d 'kubectl\'s plugin completion: candidates for the last word, in Cobra\'s format'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "rules" -d 'List every rule: id, category, default level, summary'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "explain" -d 'Print a rule\'s documentation'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "diff" -d 'Check NEW as an update of OLD: what the API server refuses when an object changes (objects paired by group, kind, namespace and name), plus everything `kubectl lint` checks'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "timeline" -d 'For each pod spec: effective probes, start order, earliest Ready, probe deadlines, termination timeline and phases, as the kubelet would run it'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "schedule" -d 'Will it schedule? For each pod template, kube-scheduler\'s verdict on the given nodes: feasible nodes, each other node\'s first failing filter, the FailedScheduling message, replica-by-replica placement, a DaemonSet\'s pod per node, the kubelet\'s verdict for a pod that names its node'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "defaults" -d 'Print each object as the API server would store it after defaulting for the target version (Secret values masked)'
complete -c kubectl-lint -n "__fish_kubectl_lint_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand completions" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand __complete" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -s o -l output -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand rules" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand explain" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -s f -l filename -d 'File or directory to lint; repeatable, comma-separated, `-` for standard input' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -s o -l output -d 'Output format' -r -f -a "human\t''
short\t''
json\t''
sarif\t''
github\t''
junit\t''
gitlab\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l base -d 'Also check each file as an update of its version at this git revision (`HEAD`, `origin/main`); files that did not exist then are new objects' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l crd -d 'CustomResourceDefinitions to check custom resources against (file or directory, repeatable); CRDs among the inputs are used too' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -s n -l namespace -d 'The namespace the manifests are applied to, as with `kubectl apply -n`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l fail-on -d 'Lowest level that makes the exit code 1' -r -f -a "error\t''
warning\t''
info\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l warn -d 'Report RULE, CATEGORY or `all` as warnings (applied left to right with --deny/--allow)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l deny -d 'Report RULE, CATEGORY or `all` as errors' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l allow -d 'Turn RULE, CATEGORY or `all` off' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l max-file-size -d 'Largest file read, in bytes' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l max-depth -d 'Deepest YAML nesting accepted' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l max-alias-expansion -d 'Most nodes that YAML aliases may add to one file (over all its documents; a scalar counts one more per 64 bytes of its text)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l max-nodes -d 'Most YAML nodes in one file' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l live -d 'Compare with the live objects of the cluster (GET only; nothing is written)'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -s R -l recursive -d 'Descend into subdirectories of directories given'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand diff" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -s f -l filename -d 'File or directory to lint; repeatable, comma-separated, `-` for standard input' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -s o -l output -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -s R -l recursive -d 'Descend into subdirectories of directories given'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand timeline" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -s f -l filename -d 'File or directory to lint; repeatable, comma-separated, `-` for standard input' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l nodes -d 'The nodes: a NodeList as `kubectl get nodes -o yaml` prints it' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l pods -d 'Pods already bound to the nodes: a PodList as `kubectl get pods -A -o yaml` prints it' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l cluster -d 'A cluster profile instead of --nodes: node pools with count, allocatable, labels, taints and zones (see `kubectl lint schedule --help`)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -s n -l namespace -d 'The namespace of objects that name none, as with `kubectl apply -n`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -s o -l output -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -s R -l recursive -d 'Descend into subdirectories of directories given'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l live -d 'Read the nodes and pods from the cluster (--context, --kubeconfig; GET/LIST only)'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand schedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -s f -l filename -d 'File or directory to lint; repeatable, comma-separated, `-` for standard input' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -s o -l output -d 'Output format' -r -f -a "yaml\t''
json\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l kubernetes-version -d 'Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l config -d 'Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l rules -d 'Directory of declarative rules of your own (repeatable)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l kubeconfig -d 'The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)' -r -F
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l context -d 'The kubeconfig context to use with `--live`' -r
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -s R -l recursive -d 'Descend into subdirectories of directories given'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -l no-config -d 'Ignore any configuration file'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand defaults" -s h -l help -d 'Print help'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, powershell, elvish)'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "__complete" -d 'kubectl\'s plugin completion: candidates for the last word, in Cobra\'s format'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "rules" -d 'List every rule: id, category, default level, summary'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "explain" -d 'Print a rule\'s documentation'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "diff" -d 'Check NEW as an update of OLD: what the API server refuses when an object changes (objects paired by group, kind, namespace and name), plus everything `kubectl lint` checks'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "timeline" -d 'For each pod spec: effective probes, start order, earliest Ready, probe deadlines, termination timeline and phases, as the kubelet would run it'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "schedule" -d 'Will it schedule? For each pod template, kube-scheduler\'s verdict on the given nodes: feasible nodes, each other node\'s first failing filter, the FailedScheduling message, replica-by-replica placement, a DaemonSet\'s pod per node, the kubelet\'s verdict for a pod that names its node'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "defaults" -d 'Print each object as the API server would store it after defaulting for the target version (Secret values masked)'
complete -c kubectl-lint -n "__fish_kubectl_lint_using_subcommand help; and not __fish_seen_subcommand_from completions __complete rules explain diff timeline schedule defaults help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
