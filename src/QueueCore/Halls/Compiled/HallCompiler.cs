using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace QueueCore;

/// <summary>
/// Validates a <see cref="HallDefinition"/> and compiles it to dense indices, ticks and shared skill profiles.
/// Every problem is reported as an <see cref="ArgumentException"/> that names the hall and the offending entry.
/// </summary>
internal static partial class HallCompiler
{
    /// <summary>
    /// The ParamName of every problem: the parameter the definition came in through (Hall's constructor,
    /// QueueEngine.AddHall, HallHandle.RedefineAsync). The compiler's own argument ("d") was no name a caller saw.
    /// </summary>
    private const string DefinitionParameter = "definition";

    /// <summary>The longest handling time a service item may assume: one ticket never takes more than a day.</summary>
    internal static readonly TimeSpan MaxExpectedHandlingTime = TimeSpan.FromDays(1);

    /// <summary>Validates and compiles <paramref name="d"/>.</summary>
    /// <param name="d">The definition.</param>
    /// <param name="laterRulesBroken">Null: every rule is required (a definition submitted now). Otherwise the definition
    /// was accepted when the journal or a saved state took it, so a rule added since (see <see cref="RequireLater"/>)
    /// it breaks is added here, not thrown: the hall comes back after an upgrade.</param>
    public static CompiledHall Compile(HallDefinition d, List<string>? laterRulesBroken = null)
    {
        var later = laterRulesBroken;
        Require(!string.IsNullOrWhiteSpace(d.Id), "The hall needs an id.");
        var where = $"Hall '{d.Id}'";
        Require(d.Categories is not null && d.Services is not null && d.Windows is not null,
            $"{where}: Categories, Services and Windows must be given (they may not be null).");
        Require(d.Priority is not null && d.NoShow is not null && d.Park is not null, $"{where}: Priority, NoShow and Park may not be null.");
        RequireName(d.Name, $"{where}:", later);
        Require(Enum.IsDefined(d.WindowSelection), $"{where}: WindowSelection {(int)d.WindowSelection} is not a known value.");
        Require(d.WindowIdleLimit is null || d.WindowIdleLimit > TimeSpan.Zero, $"{where}: WindowIdleLimit must be positive.");
        Require(d.RetainedCompletedTickets is >= 1 and <= HallDefinition.MaxRetainedCompletedTickets,
            $"{where}: RetainedCompletedTickets must be 1 to {HallDefinition.MaxRetainedCompletedTickets}; it is {d.RetainedCompletedTickets}.");
        // A hall holds at most MaxRetainedCompletedTickets (2^20) tickets: a larger capacity was cut to that silently, and
        // still reserved 128 MiB up front, for a hall that asked for more than it could ever hold.
        Require(d.InitialTicketCapacity is >= 1 and <= HallDefinition.MaxRetainedCompletedTickets,
            $"{where}: InitialTicketCapacity must be 1 to {HallDefinition.MaxRetainedCompletedTickets}; it is {d.InitialTicketCapacity}.");
        Require(d.RememberedRequests is >= 0 and <= HallDefinition.MaxRememberedRequests,
            $"{where}: RememberedRequests must be 0 to {HallDefinition.MaxRememberedRequests}; it is {d.RememberedRequests}.");
        CheckNoShow(d.NoShow, where);
        CheckPark(d.Park, d.Priority, where);

        var (classIds, classIndex, headStart) = CompileClasses(d.Priority, where, later);
        var categories = CompileCategories(d, where, later);
        var (services, serviceIndex) = CompileServices(d, categories, where, later);
        var (windows, forestSize, tierCount, staleWords) = CompileWindows(d, services, classIndex, where, later);
        var forest = new RankNode[forestSize];
        Array.Fill(forest, RankNode.Empty);

        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(d.TimeZone ?? "");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            // SecurityException: on Linux a folder of zones ("Europe") is found but cannot be read as one.
            ThrowHelper.InvalidArgument(
                $"{where}: unknown time zone '{d.TimeZone}'; TimeZone takes an IANA id (\"Europe/Berlin\") or a Windows id (\"W. Europe Standard Time\").",
                DefinitionParameter, e);
        }

        var p = d.Priority;
        return new CompiledHall(
            services, categories, windows, new IdIndex([.. services.Select(s => s.Id)]), new IdIndex([.. windows.Select(w => w.Id)]),
            classIndex, classIds, [.. classIds.Select(TextTable.Intern)], headStart,
            ClassOf(classIndex, p.NormalClass, $"{where}: NormalClass"),
            string.IsNullOrEmpty(p.AppointmentClass) ? -1 : ClassOf(classIndex, p.AppointmentClass, $"{where}: AppointmentClass"), // "": none, as null
            CompileRules(p, classIndex, headStart, where), zone, (long)(d.Park.ResumeHeadStart.Ticks / p.AgingRate), forest, tierCount, staleWords);
    }

    private static void CheckNoShow(NoShowPolicy n, string where)
    {
        Require(n.MaxRecalls >= 0, $"{where}: NoShow.MaxRecalls cannot be negative; it is {n.MaxRecalls}.");
        Require(n.RequeuePlacesBack >= 0, $"{where}: NoShow.RequeuePlacesBack cannot be negative; it is {n.RequeuePlacesBack}.");
        Require(n.PauseWindowAfter >= 0, $"{where}: NoShow.PauseWindowAfter cannot be negative; it is {n.PauseWindowAfter}.");
        Require(n.MaxNoShows >= 1, $"{where}: NoShow.MaxNoShows must be at least 1.");
        Require(n.CallBackAfter >= TimeSpan.Zero, $"{where}: NoShow.CallBackAfter cannot be negative.");
    }

    private static void CheckPark(ParkPolicy park, PriorityPolicy p, string where)
    {
        Require(park.AutoResumeAfter is null || park.AutoResumeAfter > TimeSpan.Zero, $"{where}: Park.AutoResumeAfter must be positive.");
        Require(park.ResumeHeadStart >= TimeSpan.Zero, $"{where}: Park.ResumeHeadStart cannot be negative.");
        Require(p.AgingRate > 0 && double.IsFinite(p.AgingRate), $"{where}: AgingRate must be a positive number.");
        Require(park.ResumeHeadStart.Ticks / p.AgingRate <= PriorityPolicy.MaxHeadStart.Ticks,
            $"{where}: Park.ResumeHeadStart (after the aging rate) is longer than the limit of {PriorityPolicy.MaxHeadStart.TotalDays:F0} days.");
    }

    private static (string[] Ids, Dictionary<string, int> Index, long[] HeadStart) CompileClasses(PriorityPolicy p, string where, List<string>? later)
    {
        Require(p.Classes is not null && p.Rules is not null, $"{where}: Priority.Classes and Priority.Rules may not be null.");
        Require(p.Classes!.Count is >= 1 and <= 16, $"{where}: between 1 and 16 priority classes are needed; {p.Classes.Count} were given.");
        Require(p.AgingRate > 0 && double.IsFinite(p.AgingRate), $"{where}: AgingRate must be a positive number.");
        Require(p.MaxWait is null || p.MaxWait > TimeSpan.Zero, $"{where}: MaxWait must be positive.");
        Require(p.AppointmentEarlyWindow >= TimeSpan.Zero, $"{where}: AppointmentEarlyWindow cannot be negative.");
        Require(p.AppointmentGracePeriod >= TimeSpan.Zero, $"{where}: AppointmentGracePeriod cannot be negative.");
        Require(p.InterleaveAfter is null or >= 1, $"{where}: InterleaveAfter must be at least 1.");
        Require(p.InterleaveAfter is null || p.Interleave is null, $"{where}: set InterleaveAfter or Interleave, not both.");
        Require(p.Interleave is null || (p.Interleave.PriorityCalls >= 1 && p.Interleave.NormalCalls >= 1),
            $"{where}: Interleave needs PriorityCalls and NormalCalls of at least 1.");
        var ids = new string[p.Classes.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headStart = new long[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var c = p.Classes[i];
            Require(c is not null, $"{where}: priority class {i} is null.");
            Require(!string.IsNullOrWhiteSpace(c!.Id), $"{where}: priority class {i} needs an id.");
            RequireLater(later, c.Id.Length <= HallCommand.MaxPriorityClassLength,
                $"{where}: priority class {i} id is {c.Id.Length} characters long; at most {HallCommand.MaxPriorityClassLength} are accepted (commands name it).");
            Require(index.TryAdd(c.Id, i), $"{where}: priority class '{c.Id}' is defined twice (Priority.Classes[{index.GetValueOrDefault(c.Id)}] and Priority.Classes[{i}]).");
            Require(c.HeadStart >= TimeSpan.Zero, $"{where}: class '{c.Id}' has a negative head start.");
            RequireName(c.Name, $"{where}: class '{c.Id}'", later);
            Require(c.HeadStart.Ticks / p.AgingRate <= PriorityPolicy.MaxHeadStart.Ticks,
                $"{where}: class '{c.Id}' has a head start (after the aging rate) longer than the limit of {PriorityPolicy.MaxHeadStart.TotalDays:F0} days.");
            ids[i] = c.Id;
            headStart[i] = (long)(c.HeadStart.Ticks / p.AgingRate);
        }

        return (ids, index, headStart);
    }

    private static ClassRules CompileRules(PriorityPolicy p, Dictionary<string, int> classIndex, long[] headStart, string where)
    {
        var n = p.Rules.Count;
        var (minAge, anyFlags, cls) = (new int[n], new TicketFlags[n], new int[n]);
        for (var i = 0; i < n; i++)
        {
            var rule = p.Rules[i];
            Require(rule is not null, $"{where}: class rule {i} is null.");
            Require(rule.MinAge is null or (>= 1 and <= 255), $"{where}: class rule {i} MinAge must be 1 to 255.");
            Require((rule.AnyFlags & ~AllFlags) == 0, $"{where}: class rule {i} names unknown ticket flags ({(int)rule.AnyFlags}).");
            Require(rule.MinAge is not null || rule.AnyFlags != TicketFlags.None, $"{where}: class rule {i} matches nothing (set MinAge or AnyFlags).");
            minAge[i] = rule.MinAge ?? 0;
            anyFlags[i] = rule.AnyFlags;
            cls[i] = ClassOf(classIndex, rule.Class, $"{where}: class rule {i}", " Class");
        }

        return ClassRules.Compile(minAge, anyFlags, cls, headStart);
    }

    /// <summary>Every flag <see cref="TicketFlags"/> defines.</summary>
    public static readonly TicketFlags AllFlags = Enum.GetValues<TicketFlags>().Aggregate(TicketFlags.None, (a, f) => a | f);

    private static CategoryRecord[] CompileCategories(HallDefinition d, string where, List<string>? later)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal); // id -> its place, which a duplicate's message names
        var prefixes = new Dictionary<string, ServiceCategory>(StringComparer.OrdinalIgnoreCase); // B001 and b001 are both called "B one"
        for (var i = 0; i < d.Categories.Count; i++)
        {
            var c = d.Categories[i];
            Require(c is not null, $"{where}: category {i} is null.");
            Require(!string.IsNullOrWhiteSpace(c!.Id), $"{where}: category {i} (Categories[{i}]) needs an id.");
            Require(ids.TryAdd(c.Id, i), $"{where}: category '{c.Id}' is defined twice (Categories[{ids.GetValueOrDefault(c.Id)}] and Categories[{i}]).");
            Require(!string.IsNullOrEmpty(c.Prefix), $"{where}: category '{c.Id}' needs a ticket prefix.");
            Require(c.Prefix.Length <= ServiceCategory.MaxPrefixLength,
                $"{where}: category '{c.Id}' Prefix '{(c.Prefix.Length <= 16 ? c.Prefix : c.Prefix[..16] + "...")}' is {c.Prefix.Length} characters long; at most {ServiceCategory.MaxPrefixLength} are accepted (it is printed before every ticket's digits).");
            var problem = PrefixProblem(c.Prefix);
            RequireLater(later, problem is null,
                $"{where}: category '{c.Id}' Prefix '{c.Prefix}' {problem}; a prefix is letters and digits (it is printed before every ticket's digits and spoken).");
            if (!prefixes.TryAdd(c.Prefix, c))
            {
                var other = prefixes[c.Prefix];
                Require(other.Prefix != c.Prefix,
                    $"{where}: categories '{other.Id}' and '{c.Id}' share the prefix '{c.Prefix}'; their tickets would get the same numbers.");
                RequireLater(later, false,
                    $"{where}: categories '{other.Id}' and '{c.Id}' have the prefixes '{other.Prefix}' and '{c.Prefix}', which differ only in letter case; their tickets would be called by the same numbers ({other.Prefix}001 and {c.Prefix}001 are both read out as one), so prefixes must differ in more than case.");
            }

            Require(c.NumberWidth is >= 1 and <= 9, $"{where}: category '{c.Id}' NumberWidth must be 1 to 9.");
            RequireName(c.Name, $"{where}: category '{c.Id}'", later);
        }

        RequireDistinctNumbers(d.Categories, where, later);
        return [.. d.Categories.Select(c => new CategoryRecord(c))];
    }

    /// <summary>
    /// Numbers print as prefix and digits, and past their width in full, so a prefix that is another's followed by
    /// digits ("A" and "A1") would one day print a number the other category also prints (A1001 from both).
    /// </summary>
    private static void RequireDistinctNumbers(IReadOnlyList<ServiceCategory> categories, string where, List<string>? later)
    {
        foreach (var shorter in categories)
        {
            foreach (var longer in categories)
            {
                RequireLater(later, !SpellsWithDigits(shorter.Prefix, longer.Prefix),
                    $"{where}: categories '{shorter.Id}' and '{longer.Id}' have the prefixes '{shorter.Prefix}' and '{longer.Prefix}', so their tickets could get the same numbers ({longer.Prefix}{1.ToString(CultureInfo.InvariantCulture).PadLeft(longer.NumberWidth, '0')} from both); a prefix may not be another's followed by digits.");
            }
        }
    }

    /// <summary>
    /// What is wrong with <paramref name="prefix"/>, or null when it is letters and digits (of any script: "A", "VIP",
    /// "办事"). A space, a control or an invisible character would print and show a number the citizen cannot match to
    /// the one called, and one that differs from another category's only by it would print the same numbers.
    /// </summary>
    private static string? PrefixProblem(string prefix)
    {
        for (var i = 0; i < prefix.Length;)
        {
            Rune.DecodeFromUtf16(prefix.AsSpan(i), out var rune, out var used);
            if (!Rune.IsLetterOrDigit(rune))
            {
                var code = rune.Value.ToString("X4", CultureInfo.InvariantCulture);
                return Rune.IsWhiteSpace(rune) || Rune.IsControl(rune)
                    ? $"has U+{code} (white space or a control character) at position {i + 1}"
                    : $"has '{rune}' (U+{code}) at position {i + 1}";
            }

            i += used;
        }

        return null;
    }

    /// <summary>True when <paramref name="longer"/> is <paramref name="shorter"/> followed by one or more digits, in
    /// either letter case ("b1" after "B": b101 and B101 are called alike).</summary>
    internal static bool SpellsWithDigits(string shorter, string longer) =>
        longer.Length > shorter.Length && longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase) && !longer.AsSpan(shorter.Length).ContainsAnyExceptInRange('0', '9');

    private static (ServiceRecord[] Services, Dictionary<int, int> Index) CompileServices(HallDefinition d, CategoryRecord[] categories, string where, List<string>? later)
    {
        Require(d.Services.Count is >= 1 and <= HallDefinition.MaxServices,
            $"{where}: between 1 and {HallDefinition.MaxServices} service items are needed; {d.Services.Count} were given.");
        var index = new Dictionary<int, int>(d.Services.Count);
        var services = new ServiceRecord[d.Services.Count];
        for (var i = 0; i < services.Length; i++)
        {
            var s = d.Services[i];
            Require(s is not null, $"{where}: service item {i} in the list is null.");
            var item = $"{where}: service item {s!.Id}";
            Require(s.Id >= 0, $"{where}: service item ids must be non-negative ({s.Id}).");
            Require(index.TryAdd(s.Id, i), $"{item} is defined twice (Services[{index.GetValueOrDefault(s.Id)}] and Services[{i}]).");
            RequireName(s.Name, item, later);
            var category = Array.FindIndex(categories, c => c.Id == s.Category);
            Require(category >= 0, $"{item} names unknown category '{s.Category}'.");
            Require(s.DailyCap is null or >= 1, $"{item} DailyCap must be at least 1.");
            Require(s.QueueWarningLength is null or >= 1, $"{item} QueueWarningLength must be at least 1.");
            Require(s.WaitLimit is null || s.WaitLimit > TimeSpan.Zero, $"{item} WaitLimit must be positive.");
            Require(s.ServiceTimeLimit is null || s.ServiceTimeLimit > TimeSpan.Zero, $"{item} ServiceTimeLimit must be positive.");
            Require(s.ExpectedHandlingTime > TimeSpan.Zero, $"{item} ExpectedHandlingTime must be positive.");
            // Estimates multiply it by a ticket's place in the queue: an unbounded one (an admin's 2,147,483,647 minutes)
            // overflowed them to negative waits, and the server's kiosks, suggestions and dashboards failed on it.
            RequireLater(later, s.ExpectedHandlingTime <= MaxExpectedHandlingTime, $"{item} ExpectedHandlingTime must be at most a day; it is {s.ExpectedHandlingTime}.");
            Require(s.IssuingHours is not null, $"{item} IssuingHours may not be null.");
            for (var h = 0; h < s.IssuingHours!.Count; h++)
            {
                var hours = s.IssuingHours[h];
                Require(hours is not null, $"{item} issuing hours {h} are null.");
                Require(hours!.To != hours.From, $"{item} issuing hours {h} end ({IssuingHours.Clock(hours.To)}) as they start, so they hold no time.");
                // To 00:00 is midnight at the day's end; a span across midnight is refused, not read as one: To before
                // From is as often two times swapped.
                Require(hours.To > hours.From || hours.To == TimeOnly.MinValue,
                    $"{item} issuing hours {h} end ({IssuingHours.Clock(hours.To)}) before they start ({IssuingHours.Clock(hours.From)}); hours cannot cross midnight: give two spans, {hours with { To = TimeOnly.MinValue }} and {hours with { From = TimeOnly.MinValue }}.");
            }

            services[i] = new ServiceRecord(i, s, category);
        }

        return (services, index);
    }

    /// <summary>
    /// A display name of <paramref name="entry"/>: given (empty for none), at most <see cref="HallDefinition.MaxNameLength"/>
    /// characters as a person counts them (<see cref="TextLength"/>), and not only white space (which kiosks and screens would show as a blank where a name belongs).
    /// </summary>
    /// <remarks>A null name stays refused even in a definition accepted before the rule: the hall's refusals read it.</remarks>
    private static void RequireName(string? name, string entry, List<string>? later)
    {
        Require(name is not null, $"{entry} Name may not be null (leave it out for none).");
        RequireLater(later, TextLength.Fits(name, HallDefinition.MaxNameLength), $"{entry} {TextLength.TooLong("Name", name, HallDefinition.MaxNameLength)}");
        RequireLater(later, name.Length == 0 || !string.IsNullOrWhiteSpace(name), $"{entry} Name is only white space; give a name or leave it out for none.");
    }

    /// <summary>The index of the class <paramref name="id"/> names; <paramref name="field"/> follows <paramref name="where"/> when
    /// that does not end with the setting's name.</summary>
    private static int ClassOf(Dictionary<string, int> classIndex, string? id, string where, string field = "")
    {
        // Configuration writes "" for a value left blank: that names no class, and "unknown priority class ''" read like a bug.
        Require(id is not { Length: 0 }, $"{where}{field} is empty; name one of the hall's priority classes ({string.Join(", ", classIndex.Keys)}).");
        Require(id is not null && classIndex.TryGetValue(id, out _), $"{where} names unknown priority class '{id}'.");
        return classIndex[id!];
    }

    private static void Require([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            ThrowHelper.InvalidArgument(message, DefinitionParameter);
        }
    }

    /// <summary>
    /// A rule added after the first release that a definition can break and still compile to a working hall (a
    /// naming, spelling or plausibility rule). Refused as <see cref="Require(bool, string)"/> when
    /// <paramref name="later"/> is null (a definition submitted now); otherwise noted there, once: the journal or a
    /// saved state accepted the definition before the rule, and losing the hall to an upgrade is worse than the slip.
    /// </summary>
    private static void RequireLater(List<string>? later, bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref RequirementMessage message)
    {
        if (!condition)
        {
            var text = message.ToStringAndClear();
            if (later is null)
            {
                ThrowHelper.InvalidArgument(text, DefinitionParameter);
            }

            if (!later.Contains(text))
            {
                later.Add(text);
            }
        }
    }

    /// <summary>As <see cref="Require(bool, string)"/>, formatting the message only when the condition fails.</summary>
    private static void Require([DoesNotReturnIf(false)] bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref RequirementMessage message)
    {
        if (!condition)
        {
            ThrowHelper.InvalidArgument(message.ToStringAndClear(), DefinitionParameter);
        }
    }
}
