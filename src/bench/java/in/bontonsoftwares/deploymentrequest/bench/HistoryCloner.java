package in.bontonsoftwares.deploymentrequest.bench;

import in.bontonsoftwares.deploymentrequest.process.DeploymentRequestProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * R3's large data set, made fast: the finished Deployment Requests the benchmark ran for real
 * (every row the engine and the app wrote for them: history, per-request grants, tickets, mails,
 * records) are copied in the PostgreSQL database until there are {@code target} of them (about 330
 * rows each, 6.5 million for 20,000; H2's file store grows to gigabytes under such bulk copies, so
 * R3 runs where years of history live: on PostgreSQL). Copy n of a request keeps every row and
 * reference; its ids end in "z" + n instead of their last four characters (same length, never an id
 * the engine makes: UUIDs are hex), its request number becomes DR-&lt;year&gt;-&lt;n·10000 +
 * number&gt;, and its times move back n months, so that the copies spread over the years (four
 * years from some 400 requests that really ran). Running 20,000 lifecycles for real would take
 * hours on two cores.
 */
final class HistoryCloner {

  /**
   * Engine columns holding ids of a request's own rows (everything else - definitions, users,
   * groups - is shared).
   */
  private static final Set<String> OWN_IDS =
      Set.of(
          "id_",
          "proc_inst_id_",
          "root_proc_inst_id_",
          "execution_id_",
          "task_id_",
          "act_inst_id_",
          "parent_act_inst_id_",
          "call_proc_inst_id_",
          "var_inst_id_",
          "operation_id_",
          "job_id_",
          "process_instance_id_",
          "parent_task_id_",
          "super_process_instance_id_",
          "restarted_proc_inst_id_");

  private static final int COPIES_PER_STATEMENT = 5;

  private HistoryCloner() {}

  /**
   * Copies finished requests in the database at {@code jdbcUrl} until it holds {@code target};
   * returns the count.
   */
  static int cloneFinishedRequests(String jdbcUrl, int target) throws SQLException {
    try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", "");
        Statement sql = db.createStatement()) {
      sql.execute("set synchronous_commit = off");
      sql.execute("set maintenance_work_mem = '256MB'");
      sql.execute(
          "create temporary table bench_template as select id_, row_number() over (order by start_time_)"
              + " rn from act_hi_procinst where proc_def_key_ = '"
              + DeploymentRequestProcess.KEY
              + "' and end_time_ is not null");
      sql.execute("create index bench_template_id on bench_template (id_)");
      int templates = count(sql, "select count(*) from bench_template");
      if (templates == 0 || templates >= target) {
        return templates;
      }
      int copies = (target - templates) / templates;
      int rest = (target - templates) % templates;

      String number =
          "'DR-' || (2025 - mod(r.x, 4)) || '-' || (r.x * 10000 + cast(substring(%s, 9) as int))";
      Map<String, String> engine = Map.of("business_key_", number);
      for (String table :
          List.of(
              "act_hi_procinst",
              "act_hi_actinst",
              "act_hi_taskinst",
              "act_hi_varinst",
              "act_hi_detail",
              "act_hi_identitylink",
              "act_hi_op_log")) {
        copy(sql, table, "t.root_proc_inst_id_", engine, copies, rest);
      }
      copy(sql, "act_hi_job_log", "t.process_instance_id_", engine, copies, rest);
      // the requester's grants on the request (resource: the process instance) and the engine's
      // grants on its
      // historic tasks (root process instance: the request)
      copy(
          sql,
          "act_ru_authorization",
          "coalesce(t.root_proc_inst_id_, t.resource_id_)",
          Map.of("resource_id_", id("%s")),
          copies,
          rest);

      String ticket = "%s || '-' || r.x";
      Map<String, String> app =
          Map.of(
              "request_number", number, "process_instance_id", id("%s"), "ticket_number", ticket);
      copy(sql, "deployment_record", "t.process_instance_id", app, copies, rest);
      copy(sql, "change_ticket", "t.process_instance_id", app, copies, rest);
      copy(
          sql,
          "change_ticket_event",
          "(select c.process_instance_id from change_ticket c where c.ticket_number = "
              + "t.ticket_number)",
          Map.of("id", "", "ticket_number", ticket),
          copies,
          rest);
      String renumbered =
          "replace(%s, t.request_number, " + number.replace("%s", "t.request_number") + ")";
      copy(
          sql,
          "sent_mail",
          "(select p.id_ from act_hi_procinst p where p.business_key_ = t.request_number)",
          Map.of("request_number", number, "mail_key", renumbered, "message_id", renumbered),
          copies,
          rest);
      // as after any bulk load (PostgreSQL's "Populating a Database"): fresh statistics for the
      // planner; without
      // them, Camunda's history query takes a plan ten times slower (README "Performance")
      sql.execute("analyze");
      return count(
          sql,
          "select count(*) from act_hi_procinst where proc_def_key_ = '"
              + DeploymentRequestProcess.KEY
              + "' and end_time_ is not null");
    }
  }

  /**
   * insert into table select ... from table t, the rows of the templates, a few copies per
   * statement; {@code template}: the template's process instance id for row t; {@code overrides}:
   * column -> expression with %s for the column ("" leaves the column out: generated).
   */
  private static void copy(
      Statement sql,
      String table,
      String template,
      Map<String, String> overrides,
      int copies,
      int rest)
      throws SQLException {
    // a bulk load: indexes are built once afterwards (as PostgreSQL's own docs advise) instead of
    // row by row;
    // primary keys and unique constraints stay
    List<String> indexes = new ArrayList<>();
    try (ResultSet rs =
        sql.executeQuery(
            "select indexname, indexdef from pg_indexes where tablename = '"
                + table
                + "' and indexname not in (select conname from pg_constraint)")) {
      while (rs.next()) {
        indexes.add(rs.getString(2));
        sql.addBatch("drop index " + rs.getString(1));
      }
    }
    sql.executeBatch();
    Map<String, String> columns = new LinkedHashMap<>();
    try (ResultSet rs =
        sql.executeQuery(
            "select column_name, data_type from information_schema.columns where "
                + "table_name = '"
                + table
                + "' order by ordinal_position")) {
      while (rs.next()) {
        String column = rs.getString(1);
        String quoted = "t.\"" + column + "\"";
        String expression =
            overrides.containsKey(column)
                ? overrides.get(column).replace("%s", quoted)
                : OWN_IDS.contains(column) && table.startsWith("act_")
                    ? id(quoted)
                    : rs.getString(2).startsWith("timestamp")
                        ? quoted + " - make_interval(months => r.x)"
                        : quoted;
        if (!expression.isEmpty()) {
          columns.put("\"" + column + "\"", expression);
        }
      }
    }
    for (int from = 1; from <= copies + 1; from += COPIES_PER_STATEMENT) {
      int to = Math.min(copies + 1, from + COPIES_PER_STATEMENT - 1);
      // the last copy takes the first {@code rest} templates only
      sql.executeUpdate(
          "insert into "
              + table
              + " ("
              + String.join(", ", columns.keySet())
              + ") select "
              + String.join(", ", columns.values())
              + " from "
              + table
              + " t join bench_template b on b.id_ = "
              + template
              + " join generate_series("
              + from
              + ", "
              + to
              + ") r(x) on r.x <= "
              + copies
              + " or b.rn <= "
              + rest);
    }
    for (String index : indexes) {
      sql.execute(index);
    }
  }

  /**
   * The id of copy r.x: the last four characters replaced by z and three digits (same length,
   * unique).
   */
  private static String id(String column) {
    return "case when "
        + column
        + " is null then null else left("
        + column
        + ", length("
        + column
        + ") - 4) || 'z' || "
        + "lpad(cast(r.x as varchar), 3, '0') end";
  }

  private static int count(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
