namespace PeerBot.Tests;

/// <summary>
/// The runs that push tens of thousands of requests or nudges through the one shared Azurite process. They run
/// one at a time after everything else, so that on a machine with many cores they do not starve the other tests'
/// storage calls, and their own figures do not depend on what happens to run beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyRuns
{
    public const string Name = "Heavy runs against the shared Azurite";
}
