// What `az` alone and `az --version` print. The version is the one the sandbox claims to be.
export const AZ_VERSION = '2.67.0';

export const WELCOME_TEXT = String.raw`
     /\
    /  \    _____   _ _  ___ _
   / /\ \  |_  / | | | \'__/ _\
  / ____ \  / /| |_| | | |  __/
 /_/    \_\/___|\__,_|_|  \___|


Welcome to the cool new Azure CLI!

Use ` + '`az --version`' + String.raw` to display the current version.
Here are the base commands:

    account    : Manage Azure subscription information.
    aks        : Manage Azure Kubernetes Services.
    configure  : Manage Azure CLI configuration. This command is interactive.
    group      : Manage resource groups and template deployments.
    login      : Log in to Azure.
    logout     : Log out to remove access to Azure subscriptions.
    network    : Manage Azure Network resources.
    version    : Show the versions of Azure CLI modules and extensions in JSON format by default or
                 format configured by --output.
    vmss       : Manage groupings of virtual machines in an Azure Virtual Machine Scale Set (VMSS).

`;

export const AZ_VERSION_TEXT = `azure-cli                         ${AZ_VERSION}

core                              ${AZ_VERSION}
telemetry                          1.1.0

Extensions:
azure-firewall                     1.2.1

Dependencies:
msal                              1.31.0
azure-mgmt-resource               23.1.1

Python location '/opt/az/bin/python3'
Extensions directory '/home/learner/.azure/cliextensions'

Python (Linux) 3.12.7 (main, Nov  5 2024, 02:04:36) [GCC 12.2.0]

Legal docs and information: aka.ms/AzureCliLegal


Your CLI is up-to-date.
`;
