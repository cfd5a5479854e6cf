package io.catalogingest.gateway.workspace;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Jdbi;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.catalogingest.common.Ids;
import io.catalogingest.gateway.error.ApiError;
import io.catalogingest.common.catalog.FieldError;
import io.catalogingest.common.envelope.Topics;
import io.catalogingest.common.upc.UpcBlock;
import io.catalogingest.common.workspace.AddUpcBlock;
import io.catalogingest.common.workspace.ChangeWorkspaceSetting;
import io.catalogingest.common.workspace.RetireUpcBlock;
import io.catalogingest.common.workspace.UpcBlockStatus;
import io.catalogingest.common.workspace.WorkspaceMessages;
import io.catalogingest.common.workspace.WorkspaceSetting;
import io.catalogingest.gateway.error.ApiException;
import io.catalogingest.gateway.request.Answers;
import io.catalogingest.gateway.request.CommandDispatcher;
import io.catalogingest.gateway.request.CommandKind;
import io.catalogingest.gateway.request.CommandResult;
import io.catalogingest.gateway.request.Success;
import io.catalogingest.gateway.security.Caller;
import io.catalogingest.gateway.web.Write;
import tools.jackson.databind.JsonNode;

/**
 * A workspace's settings and UPC blocks, for its admins (the security configuration requires the admin role on
 * {@code /tenant/**}; this controller checks again):
 * <ul>
 * <li>{@code GET /tenant/settings}, {@code PUT /tenant/settings/{name}} with {@code {"value": …}} (Royalti's style);
 * <li>{@code GET /tenant/upc-blocks} (with used and free numbers), {@code POST /tenant/upc-blocks}
 * {@code {companyPrefix, firstItemReference, lastItemReference, gtinLength}}, {@code GET /tenant/upc-blocks/{id}},
 * {@code DELETE /tenant/upc-blocks/{id}} (retire: no more numbers from it; it stays listed, its numbers reserved).
 * </ul>
 * Changes are commands to the ingest-worker on {@code catalog.catalog-commands.v1}, keyed by the tenant id, answered
 * like every write: the changed resource, the worker's 400/404/409, or 202 with {@code /requests/{id}}.
 */
@RestController
class WorkspaceController {

    private static final CommandKind<ChangeWorkspaceSetting> CHANGE_SETTING = new CommandKind<>("workspace.setting",
            Topics.CATALOG_COMMANDS, WorkspaceMessages.CHANGE_SETTING);
    private static final CommandKind<AddUpcBlock> ADD_BLOCK = new CommandKind<>("upc-block.add",
            Topics.CATALOG_COMMANDS, WorkspaceMessages.ADD_UPC_BLOCK);
    private static final CommandKind<RetireUpcBlock> RETIRE_BLOCK = new CommandKind<>("upc-block.retire",
            Topics.CATALOG_COMMANDS, WorkspaceMessages.RETIRE_UPC_BLOCK);

    private final CommandDispatcher dispatcher;
    private final WorkspaceDao reader;
    private final WorkspaceDefaults defaults;

    WorkspaceController(CommandDispatcher dispatcher, Jdbi jdbi, WorkspaceDefaults defaults) {
        this.dispatcher = dispatcher;
        this.reader = jdbi.onDemand(WorkspaceDao.class);
        this.defaults = defaults;
    }

    @GetMapping({"/tenant/settings", "/tenant/settings/"})
    Success<List<WorkspaceAnswers.Setting>> settings(Caller caller) {
        requireAdmin(caller);
        return Answers.success(null, settingViews(caller.tenantId()));
    }

    @GetMapping("/tenant/settings/{name}")
    Success<WorkspaceAnswers.Setting> setting(Caller caller, @PathVariable String name) {
        requireAdmin(caller);
        WorkspaceSetting setting = known(name);
        return Answers.success(null, settingView(caller.tenantId(), setting));
    }

    @Operation(summary = "Change a workspace setting (admin)", description = "Royalti's style: {\"value\": …}")
    @ApiResponse(responseCode = "200", description = "Setting updated successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkspaceAnswers.SettingAnswer.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WorkspaceAnswers.SettingRequest.class)))
    @PutMapping(path = "/tenant/settings/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> changeSetting(Caller caller, @PathVariable String name,
                                         @RequestBody(required = false) JsonNode body, Write write) {
        requireAdmin(caller);
        WorkspaceSetting setting = known(name);
        if (body == null || !body.isObject() || !body.has("value")) {
            throw ApiException.badRequest("Invalid setting", List.of(new FieldError("value",
                    "is required: send {\"value\": …}")));
        }
        WorkspaceSetting.Normalized value = setting.normalize(scalar(body.get("value")));
        if (!value.ok()) {
            throw ApiException.badRequest("Invalid setting", List.of(new FieldError("value", value.problem())));
        }
        ChangeWorkspaceSetting command = new ChangeWorkspaceSetting(name, value.value());
        CommandResult result = dispatcher.dispatch(CHANGE_SETTING.request(caller, write, caller.tenantId(), command,
                "setting " + name + " " + value.value()));
        return Answers.command(result, outcome -> new Answers.Resource("/tenant/settings/" + name,
                new WorkspaceAnswers.SettingAnswer(true, "Setting updated successfully",
                        settingView(caller.tenantId(), setting))));
    }

    @GetMapping({"/tenant/upc-blocks", "/tenant/upc-blocks/"})
    Success<WorkspaceAnswers.UpcBlocks> blocks(Caller caller) {
        requireAdmin(caller);
        Map<WorkspaceSetting, String> settings = effectiveSettings(caller.tenantId());
        List<WorkspaceDao.Block> rows = reader.blocks(caller.tenantId());
        List<WorkspaceAnswers.UpcBlock> blocks = rows.stream().map(WorkspaceController::view).toList();
        long free = rows.stream().filter(block -> block.status() == UpcBlockStatus.ACTIVE)
                .map(WorkspaceController::view).mapToLong(WorkspaceAnswers.UpcBlock::free).sum();
        long threshold = Long.parseLong(settings.get(WorkspaceSetting.UPC_LOW_THRESHOLD));
        return Answers.success(null, new WorkspaceAnswers.UpcBlocks(
                Boolean.parseBoolean(settings.get(WorkspaceSetting.AUTO_UPC)), free, threshold, free < threshold,
                blocks));
    }

    @GetMapping("/tenant/upc-blocks/{id}")
    Success<WorkspaceAnswers.UpcBlock> block(Caller caller, @PathVariable String id) {
        requireAdmin(caller);
        return Answers.success(null, view(find(caller, id)));
    }

    @Operation(summary = "Add a GS1 company-prefix block of UPCs (admin)")
    @ApiResponse(responseCode = "201", description = "UPC block added successfully",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkspaceAnswers.UpcBlockAnswer.class)))
    @ApiResponse(responseCode = "409", description = "The prefix belongs to a block already",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WorkspaceAnswers.UpcBlockRequest.class)))
    @PostMapping(path = {"/tenant/upc-blocks", "/tenant/upc-blocks/"}, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> addBlock(Caller caller, @RequestBody(required = false) JsonNode body, Write write) {
        requireAdmin(caller);
        AddUpcBlock command = UpcBlockForm.toCommand(body);
        CommandResult result = dispatcher.dispatch(ADD_BLOCK.request(caller, write, caller.tenantId(), command,
                "upc-block " + command.companyPrefix() + " " + command.gtinLength() + " "
                        + command.firstItemReference() + " " + command.lastItemReference()));
        return Answers.command(result, outcome -> new Answers.Resource(
                "/tenant/upc-blocks/" + outcome.resourceId(),
                new WorkspaceAnswers.UpcBlockAnswer(true, "UPC block added successfully",
                        view(find(caller, outcome.resourceId())))));
    }

    @Operation(summary = "Retire a UPC block (admin)")
    @ApiResponse(responseCode = "200", description = "UPC block retired",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkspaceAnswers.UpcBlockAnswer.class)))
    @DeleteMapping("/tenant/upc-blocks/{id}")
    ResponseEntity<Object> retireBlock(Caller caller, @PathVariable String id, Write write) {
        requireAdmin(caller);
        String blockId = find(caller, id).id().toString();
        CommandResult result = dispatcher.dispatch(RETIRE_BLOCK.request(caller, write, caller.tenantId(),
                new RetireUpcBlock(blockId), "retire " + blockId));
        return Answers.command(result, outcome -> new Answers.Resource("/tenant/upc-blocks/" + blockId,
                new WorkspaceAnswers.UpcBlockAnswer(true, "UPC block retired", view(find(caller, blockId)))));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Workspace settings need the admin role");
        }
    }

    private static WorkspaceSetting known(String name) {
        return WorkspaceSetting.byName(name).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "Setting not found", List.of(new FieldError("name", "settings: "
                + String.join(", ", WorkspaceSetting.names())))));
    }

    private WorkspaceDao.Block find(Caller caller, String id) {
        UUID blockId = Ids.uuid(id).orElseThrow(() -> ApiException.notFound("UPC block"));
        return reader.block(caller.tenantId(), blockId).orElseThrow(() -> ApiException.notFound("UPC block"));
    }

    private Map<WorkspaceSetting, String> effectiveSettings(String tenantId) {
        Map<WorkspaceSetting, String> settings = new EnumMap<>(WorkspaceSetting.class);
        for (WorkspaceSetting setting : WorkspaceSetting.values()) {
            settings.put(setting, defaults.valueOf(setting));
        }
        reader.settings(tenantId).forEach(own ->
                WorkspaceSetting.byName(own.name()).ifPresent(setting -> settings.put(setting, own.value())));
        return settings;
    }

    private List<WorkspaceAnswers.Setting> settingViews(String tenantId) {
        Map<String, WorkspaceDao.Setting> own = new LinkedHashMap<>();
        reader.settings(tenantId).forEach(setting -> own.put(setting.name(), setting));
        List<WorkspaceAnswers.Setting> views = new ArrayList<>();
        for (WorkspaceSetting setting : WorkspaceSetting.values()) {
            Optional<WorkspaceDao.Setting> set = Optional.ofNullable(own.get(setting.settingName()));
            views.add(new WorkspaceAnswers.Setting(setting.settingName(),
                    setting.typed(set.map(WorkspaceDao.Setting::value).orElseGet(() -> defaults.valueOf(setting))),
                    set.isEmpty(), set.map(WorkspaceDao.Setting::updatedAt).orElse(null)));
        }
        return views;
    }

    private WorkspaceAnswers.Setting settingView(String tenantId, WorkspaceSetting setting) {
        return settingViews(tenantId).stream().filter(view -> setting.settingName().equals(view.name()))
                .findFirst().orElseThrow();
    }

    private static WorkspaceAnswers.UpcBlock view(WorkspaceDao.Block block) {
        UpcBlock rule = new UpcBlock(block.companyPrefix(), block.firstItemReference(), block.lastItemReference(),
                block.gtinLength());
        long used = block.nextItemReference() - block.firstItemReference();
        return new WorkspaceAnswers.UpcBlock(block.id(), block.companyPrefix(), block.gtinLength(),
                block.firstItemReference(), block.lastItemReference(),
                rule.upcFor(block.firstItemReference()).value(), rule.upcFor(block.lastItemReference()).value(),
                rule.capacity(), used, rule.capacity() - used, block.status().jsonName(), block.createdAt(), block.retiredAt());
    }

    /** A JSON scalar as the Java value settings are normalized from; objects and arrays are refused. */
    private static Object scalar(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isString()) {
            return value.asString();
        }
        if (value.isArray() && value.valueStream().allMatch(JsonNode::isString)) {
            // webhook-enabledEvents as an array, as Royalti's SDK sends it
            return String.join(",", value.valueStream().map(JsonNode::asString).toList());
        }
        throw ApiException.badRequest("Invalid setting", List.of(new FieldError("value",
                "must be a string, a boolean, a whole number or an array of strings")));
    }
}
