namespace PeerBot.Demo;

/// <summary>A fictional employer in the demo network; its domain is always under the reserved <c>.example</c> TLD.</summary>
public sealed record DemoOrganization(string Name, string Domain, string Industry, int Headcount, string TimeZone)
{
    /// <summary>True when the organization is large enough for a layer of SVPs and EVPs.</summary>
    public bool IsEnterprise => Headcount > 2_000;

    /// <summary>Founder-led companies have team leads and heads of function, not vice presidents.</summary>
    public bool IsStartup => Headcount <= 50;
}
