using System.Text.Json;

namespace QueueCore.Simulation.Tests.Results;

public sealed class ResultWriterTests
{
    [Fact]
    public void Csv_HasAHeaderAndARowPerResultRow()
    {
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });
        var csv = new StringWriter();
        ResultWriter.WriteRowsCsv(result, csv);
        var lines = csv.ToString().TrimEnd().Split('\n');
        Assert.StartsWith("service,service_name,class,hour,arrivals,arrivals_ci,served,served_ci,mean_wait,mean_wait_ci,p50_wait", lines[0], StringComparison.Ordinal);
        Assert.Equal(result.Rows.Count + 1, lines.Length);
        Assert.StartsWith(",all services,,,", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HourlyRows_StartAtTheHourTheDayStarts()
    {
        // A day from 08:00 (dayStart) had rows for hours 0 to 7 for every service, every figure 0 or empty: nothing
        // before dayStart is counted.
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });
        var csv = new StringWriter();

        ResultWriter.WriteRowsCsv(result, csv);

        var hours = csv.ToString().TrimEnd().Split('\n').Skip(1).Select(l => l.TrimEnd('\r').Split(',')[3]).Where(h => h.Length > 0)
            .Select(h => int.Parse(h, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        Assert.Equal(Enumerable.Range(8, 8), hours); // the day's eight slots, 08:00 to 16:00
    }

    [Fact]
    public void Csv_NamesWithACommaAQuoteOrALineBreak_QuotedAndReadBack()
    {
        // A class id with a comma was written bare in rows.csv and difference.csv (only names were quoted, and a line
        // break not even there): every column after it moved one to the right.
        const string Class = "elderly, \"65+\"";
        var scenario = TestScenarios.MMc(1, 10, 5, hours: 2, warmupHours: 0);
        var hall = scenario.Halls[0];
        scenario = scenario with
        {
            Halls =
            [
                hall with
                {
                    Id = "north, annex",
                    Priority = hall.Priority! with { Classes = [new ClassScenario { Id = "normal" }, new ClassScenario { Id = Class }] },
                    Services = [hall.Services[0] with { Name = "household\nregistration", ClassMix = new Dictionary<string, double> { [Class] = 0.5 } }],
                },
            ],
        };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 });
        var rows = new StringWriter();
        var windows = new StringWriter();
        var difference = new StringWriter();

        ResultWriter.WriteRowsCsv(result, rows);
        ResultWriter.WriteWindowsCsv(result, windows);
        ResultWriter.WriteDifferenceCsv(Comparison.Compare(result, result), difference);

        static List<string[]> Read(StringWriter csv)
        {
            var reader = new StringReader(csv.ToString());
            var records = new List<string[]>();
            var line = 0;
            while (Csv.ReadRecord(reader, ref line) is { } record)
            {
                records.Add(record);
            }

            return records;
        }

        var rowRecords = Read(rows);
        Assert.All(rowRecords, r => Assert.Equal(rowRecords[0].Length, r.Length));
        Assert.Contains(rowRecords, r => r[0] == "1" && r[1] == "household\nregistration" && r[2] == Class && r[3] == "");
        Assert.Equal(["north, annex", "1"], Read(windows)[1][..2]);
        var differenceRecords = Read(difference);
        Assert.All(differenceRecords, r => Assert.Equal(differenceRecords[0].Length, r.Length));
        Assert.Contains(differenceRecords, r => r[2] == Class && r[4] == "arrivals");
    }

    [Fact]
    public void Json_ParsesAndCarriesTheFigures()
    {
        var result = Simulator.Run(TestScenarios.Township(), new SimulationOptions { Replications = 2 });
        using var stream = new MemoryStream();
        ResultWriter.WriteJson(result, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var total = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal(result.Rows[0][Metric.MeanWait].Mean, total.GetProperty("meanWait").GetProperty("mean").GetDouble(), 5);
        Assert.Equal(result.Windows.Count, doc.RootElement.GetProperty("windows").GetArrayLength());
    }

    [Fact]
    public void Json_CarriesTheRefusedArrivals()
    {
        // The window closes two hours before the arrivals end: the hall refuses the last two hours' arrivals, which the
        // terminal reports and result.json left out.
        var scenario = TestScenarios.MMc(2, 20, 5, hours: 4, warmupHours: 0);
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(0, 2)] }] }] };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 });
        Assert.True(result.TicketsRefused > 0);

        using var stream = new MemoryStream();
        ResultWriter.WriteJson(result, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());

        Assert.Equal(result.TicketsRefused, doc.RootElement.GetProperty("ticketsRefused").GetInt64());
        Assert.Equal(result.TicketsIssued, doc.RootElement.GetProperty("ticketsIssued").GetInt64());
    }

    [Fact]
    public void Json_RefusedDuringTheWarmUp_LeftOutAsFromTheRows()
    {
        // The service issues from 1:00 to 3:00; arrivals run 0:00-4:00 and the first two hours are warm-up. The rows
        // counted the refusals of 3:00-4:00 only, but ticketsRefused (and the terminal's warning) those of 0:00-1:00
        // too, which no other figure counts.
        var scenario = TestScenarios.MMc(2, 20, 5, hours: 4, warmupHours: 2);
        var hall = scenario.Halls[0];
        var service = hall.Services[0] with { IssuingHours = [TestScenarios.Span(1, 3)] };
        scenario = scenario with { Halls = [hall with { Services = [service] }] };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 2 });

        using var stream = new MemoryStream();
        ResultWriter.WriteJson(result, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());

        var counted = result.Row((int?)null)![Metric.Refused].Mean * 2;
        Assert.True(counted > 0);
        Assert.Equal(counted, doc.RootElement.GetProperty("ticketsRefused").GetInt64());
    }

    [Fact]
    public void Csv_RefusedArrivals_CountedInColumnsAddedLast()
    {
        // The window closes at 2:00, the arrivals run to 4:00: the hall refuses the last two hours' tickets. rows.csv
        // had no count of them; it now has refused and refused_ci after every earlier column, which keep their places.
        var scenario = TestScenarios.MMc(2, 20, 5, hours: 4, warmupHours: 0);
        var hall = scenario.Halls[0];
        scenario = scenario with { Halls = [hall with { Windows = [hall.Windows[0] with { Shifts = [TestScenarios.Span(0, 2)] }] }] };
        var result = Simulator.Run(scenario, new SimulationOptions { Replications = 3 });
        var csv = new StringWriter();

        ResultWriter.WriteRowsCsv(result, csv);

        var lines = csv.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r').Split(',')).ToArray();
        const string Before = "service,service_name,class,hour,arrivals,arrivals_ci,served,served_ci,mean_wait,mean_wait_ci,p50_wait,p50_wait_ci,"
            + "p90_wait,p90_wait_ci,p99_wait,p99_wait_ci,within_limit,within_limit_ci,waited,waited_ci,abandoned,abandoned_ci,no_shows,no_shows_ci,"
            + "unserved,unserved_ci,max_wait,max_wait_ci";
        Assert.Equal(Before + ",refused,refused_ci", string.Join(',', lines[0]));
        string Refused(string service, string cls, string hour) =>
            lines.Single(l => l[0] == service && l[2] == cls && l[3] == hour)[^2];
        Assert.Equal((result.TicketsRefused / 3.0).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture), Refused("", "", ""));
        Assert.Equal("0", Refused("", "", "1"));
        Assert.True(double.Parse(Refused("", "", "3"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(Refused("", "", ""), Refused("1", "", ""));
        Assert.Equal("", Refused("1", "normal", "")); // a refused ticket has no class
    }
}
