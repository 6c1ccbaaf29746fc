namespace PeerBot.Demo;

/// <summary>Seniority in the demo network, from the first line of management to the C-suite.</summary>
public enum DemoLevel
{
    TeamLead,
    Manager,
    SeniorManager,
    Director,
    VicePresident,
    SeniorVicePresident,
    CLevel,
}
