using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Matching;

/// <summary>One taxonomy file as written: the core file and each sector file use the same shape, and are merged.</summary>
internal sealed class TaxonomyFile
{
    public List<LevelJson> Levels { get; set; } = [];
    public List<ModifierJson> Modifiers { get; set; } = [];
    public List<FunctionJson> Functions { get; set; } = [];
    public List<SectorJson> Sectors { get; set; } = [];
    public List<string> Qualifiers { get; set; } = [];
    public List<RoleJson> Roles { get; set; } = [];
    public List<WorkerJson> Workers { get; set; } = [];
    public List<SenseJson> Senses { get; set; } = [];
    public List<string> Ignore { get; set; } = [];
    public List<string> Stops { get; set; } = [];
    public List<string> Examples { get; set; } = [];
}

internal sealed class LevelJson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<string> Terms { get; set; } = [];
}

internal sealed class ModifierJson
{
    public List<string> Terms { get; set; } = [];
    public Dictionary<string, string> Changes { get; set; } = [];

    /// <summary>Changes that apply instead when the modified role heads an organization outside the corporate functions ("Assistant Superintendent").</summary>
    public Dictionary<string, string> SectorChanges { get; set; } = [];
    public string? Otherwise { get; set; }
}

internal sealed class FunctionJson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The sector a family belongs to; null for the corporate functions, which every sector has.</summary>
    public string? Sector { get; set; }
    public List<string> Terms { get; set; } = [];
    public List<string> Related { get; set; } = [];
    public List<SpecialtyJson> Specialties { get; set; } = [];
}

internal sealed class SpecialtyJson
{
    public string Id { get; set; } = "";
    public List<string> Terms { get; set; } = [];
}

internal sealed class SectorJson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>The family a title means there when it names a level and no function ("Shift Supervisor" at a store).</summary>
    public string? Family { get; set; }

    /// <summary>Words that name the sector in a query or title without naming a family ("nonprofit", "K-12").</summary>
    public List<string> Words { get; set; } = [];

    /// <summary>Words of a profile's industry that place it in the sector.</summary>
    public List<string> Industries { get; set; } = [];

    /// <summary>Words of an organization's name that place it in the sector ("Police Department", "Medical Center").</summary>
    public List<string> Names { get; set; } = [];

    /// <summary>Searches to suggest to someone in this sector.</summary>
    public List<string> Examples { get; set; } = [];
}

internal sealed class RoleJson
{
    public List<string> Terms { get; set; } = [];
    public List<string> Functions { get; set; } = [];
    public string Level { get; set; } = "";
    public List<string>? ReadAs { get; set; }
}

internal sealed class WorkerJson
{
    public List<string> Terms { get; set; } = [];
    public string? Function { get; set; }
    public string Level { get; set; } = "";
    public bool Fixed { get; set; }
}

/// <summary>A word whose meaning depends on its neighbours and on the sector ("principal", "superintendent", "general manager").</summary>
internal sealed class SenseJson
{
    public List<string> Terms { get; set; } = [];
    public List<SenseReadingJson> Readings { get; set; } = [];

    /// <summary>How the word reads when no reading applies, or when the title names another function ("Principal Engineer").</summary>
    public PlainJson? Plain { get; set; }
}

internal sealed class SenseReadingJson
{
    public string Function { get; set; } = "";

    /// <summary>Null when the reading names a function only ("programs" at a charity), so the level comes from the other words.</summary>
    public string? Level { get; set; }
    public string Name { get; set; } = "";

    /// <summary>A query that means this reading and no other, offered as a suggestion.</summary>
    public string? Query { get; set; }
    public List<string> Sectors { get; set; } = [];
    public List<string> Cues { get; set; } = [];
    public bool Default { get; set; }
}

internal sealed class PlainJson
{
    public string? Level { get; set; }
    public string? Worker { get; set; }
    public string? Function { get; set; }
    public RoleJson? Role { get; set; }

    /// <summary>A suggestion for the plain reading ("principal engineer").</summary>
    public string? Query { get; set; }
    public string? Name { get; set; }

    /// <summary>Neighbouring words that select the plain sense whatever the sector ("division").</summary>
    public List<string> Cues { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TaxonomyFile))]
internal sealed partial class TaxonomyJson : JsonSerializerContext;
