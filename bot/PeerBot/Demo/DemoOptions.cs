namespace PeerBot.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Load the fictional demo network into empty storage at start-up (local runs and demos only).</summary>
    public bool Seed { get; set; }

    /// <summary>How many profiles are written at once; Table Storage takes one entity per request.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>How long a demo leader takes to answer an intro request (with <see cref="Seed"/> on).</summary>
    public int AnswerAfterSeconds { get; set; } = 4;
}
