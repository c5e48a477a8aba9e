using QueueCore.Simulation;
using ScottPlot;
using SkiaSharp;

namespace QueueCore.Simulator;

/// <summary>How the charts name the services: each by its name where an installed font has all its characters, else
/// as "service 101"; and the legend's font, one that draws every label. The charts' default font (DejaVu or
/// Liberation on Debian) has no CJK glyphs, so Chinese names were drawn as boxes; a CJK font (the test command
/// installs Debian's fonts-wqy-microhei) draws them.</summary>
internal sealed class ChartLabels
{
    private readonly Dictionary<int, string> _labels;

    private ChartLabels(Dictionary<int, string> labels, string font, IReadOnlyList<int> byId)
    {
        _labels = labels;
        Font = font;
        ById = byId;
    }

    /// <summary>The legend's font.</summary>
    public string Font { get; }

    /// <summary>The services named by their id: no installed font draws their names (the report notes them).</summary>
    public IReadOnlyList<int> ById { get; }

    /// <summary>The labels of <paramref name="result"/>'s services.</summary>
    public static ChartLabels For(SimulationResult result)
    {
        var labels = new Dictionary<int, string>();
        var byId = new List<int>();
        foreach (var id in result.ServiceIds)
        {
            var name = result.Row(id)?.ServiceName ?? "";
            if (Drawable(name) is null)
            {
                byId.Add(id);
                name = $"service {id}";
            }

            labels[id] = name;
        }

        return new(labels, Drawable(string.Concat(labels.Values)) ?? Fonts.Default, byId);
    }

    /// <summary>The label of service <paramref name="id"/>.</summary>
    public string Of(int id) => _labels[id];

    /// <summary>An installed font with every character of <paramref name="text"/>, or null: the default font, else the
    /// first installed family that has them. ScottPlot's Fonts.Detect asks Skia's font manager to match a character,
    /// which the Linux build without dependencies never does (it answered "" with a CJK font installed).</summary>
    private static string? Drawable(string text)
    {
        var glyphs = text.Replace(" ", "", StringComparison.Ordinal);
        return Candidates.Value.FirstOrDefault(family => Fonts.GetTypeface(family, bold: false, italic: false).ContainsGlyphs(glyphs));
    }

    private static readonly Lazy<string[]> Candidates = new(() => [Fonts.Default, .. SKFontManager.Default.FontFamilies]);
}
