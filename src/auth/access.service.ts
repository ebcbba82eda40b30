export * from '../consortia/access.service';
