using System.Globalization;
using System.Text.Json;

namespace QueueCore.Simulation;

/// <summary>Writes results as CSV (one row per result row, each figure's mean and 95% half-width) and JSON.</summary>
public static class ResultWriter
{
    private static readonly Metric[] Metrics = Enum.GetValues<Metric>();

    /// <summary>The rows as CSV: service, service_name, class, hour, then for each metric its mean and 95% half-width
    /// (e.g. mean_wait, mean_wait_ci), in <see cref="Metric"/> order: a new figure is added last (refused, refused_ci),
    /// so readers of the earlier columns are unaffected. Empty cells: all services / classes / hours, or no data. A name
    /// with a comma, a quote or a line break is in double quotes (RFC 4180), here and in the other CSV files.</summary>
    public static void WriteRowsCsv(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("service,service_name,class,hour," + string.Join(',', Metrics.Select(m => $"{Name(m)},{Name(m)}_ci")));
        foreach (var row in result.Rows)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{row.Key.Service},{Csv.Field(row.ServiceName)},{Csv.Field(row.Key.Class)},{row.Key.Hour}"));
            foreach (var m in Metrics)
            {
                writer.Write(',');
                writer.Write(Number(row[m].Mean));
                writer.Write(',');
                writer.Write(Number(row[m].HalfWidth));
            }

            writer.WriteLine();
        }
    }

    /// <summary>The windows as CSV: hall, window, utilisation (and its 95% half-width), served, open hours.</summary>
    public static void WriteWindowsCsv(SimulationResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("hall,window,utilisation,utilisation_ci,served,served_ci,open_hours");
        foreach (var w in result.Windows)
        {
            writer.WriteLine($"{Csv.Field(w.Hall)},{w.Window.ToString(CultureInfo.InvariantCulture)},{Number(w.Utilisation.Mean)},{Number(w.Utilisation.HalfWidth)},{Number(w.Served.Mean)},{Number(w.Served.HalfWidth)},{Number(w.OpenHours.Mean)}");
        }
    }

    /// <summary>A what-if comparison as CSV, one line per row and figure: service, service_name, class, hour, metric,
    /// a, b, difference (B - A), difference_ci (its 95% half-width), paired. Names are quoted like
    /// <see cref="WriteRowsCsv"/>'s; a figure without data is an empty cell.</summary>
    public static void WriteDifferenceCsv(IReadOnlyList<ComparisonRow> rows, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("service,service_name,class,hour,metric,a,b,difference,difference_ci,paired");
        foreach (var row in rows)
        {
            foreach (var m in Metrics)
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Key.Service},{Csv.Field(row.ServiceName)},{Csv.Field(row.Key.Class)},{row.Key.Hour},{Name(m)},{Number(row.A[m].Mean)},{Number(row.B[m].Mean)},{Number(row[m].Mean)},{Number(row[m].HalfWidth)},{row.Paired}"));
            }
        }
    }

    /// <summary>Everything as one JSON document: the run (scenario, replications, seed, tickets issued over all
    /// replications, warm-up included, and refused, warm-up left out as from the rows, elapsed seconds, notices), rows,
    /// windows and hourly utilisation.</summary>
    public static void WriteJson(SimulationResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("scenario", result.Name);
        json.WriteNumber("replications", result.Options.Replications);
        json.WriteNumber("seed", result.Options.Seed);
        json.WriteNumber("ticketsIssued", result.TicketsIssued);
        json.WriteNumber("ticketsRefused", result.TicketsRefused);
        json.WriteNumber("elapsedSeconds", result.Elapsed.TotalSeconds);
        json.WriteStartArray("notices");
        foreach (var notice in result.Notices)
        {
            json.WriteStringValue(notice);
        }

        json.WriteEndArray();
        json.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            WriteNullable(json, "service", row.Key.Service);
            json.WriteString("serviceName", row.ServiceName);
            json.WriteString("class", row.Key.Class);
            WriteNullable(json, "hour", row.Key.Hour);
            foreach (var m in Metrics)
            {
                WriteEstimate(json, JsonNamingPolicy.CamelCase.ConvertName(m.ToString()), row[m]);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("windows");
        foreach (var w in result.Windows)
        {
            json.WriteStartObject();
            json.WriteString("hall", w.Hall);
            json.WriteNumber("window", w.Window);
            WriteEstimate(json, "utilisation", w.Utilisation);
            WriteEstimate(json, "served", w.Served);
            WriteEstimate(json, "openHours", w.OpenHours);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("hourlyUtilisation");
        for (var h = 0; h < result.HourlyUtilisation.Count; h++)
        {
            if (result.HourlyUtilisation[h].Samples > 0)
            {
                json.WriteStartObject();
                json.WriteNumber("hour", h);
                WriteEstimate(json, "utilisation", result.HourlyUtilisation[h]);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A metric's column name, e.g. "mean_wait".</summary>
    public static string Name(Metric metric) => JsonNamingPolicy.SnakeCaseLower.ConvertName(metric.ToString());

    private static void WriteEstimate(Utf8JsonWriter json, string name, Estimate e)
    {
        json.WriteStartObject(name);
        WriteNumber(json, "mean", e.Mean);
        WriteNumber(json, "ci95", e.HalfWidth);
        json.WriteNumber("samples", e.Samples);
        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("0.######", CultureInfo.InvariantCulture) : "";
}
