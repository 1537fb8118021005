export { FormAlert } from '../../components/ui/form-alert';
